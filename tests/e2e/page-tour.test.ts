import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, expectAccessible, keepFailure, launchBrowser, newPerson, type Person, PHONE, screenshotBothSizes } from './support/browser.js';
import { PASSWORD, startE2eApp, TIME_ZONE, type E2eApp } from './support/e2e-app.js';

/**
 * Every main page the story does not pass through, opened by the person it is for, checked with
 * axe-core and photographed: the admin's console pages, the customer's account pages.
 */
describe('every main page', () => {
  let app: E2eApp;
  let browser: Browser;
  let admin: Person;
  let customer: Person;
  let jobId = '';

  beforeAll(async () => {
    app = await startE2eApp();
    browser = await launchBrowser();
    // A job, so lists and pages have something to show, made through the API as the owner.
    const inject = (method: 'GET' | 'POST', url: string, payload?: object, cookie?: string) =>
      app.t.app.inject({ method, url, ...(payload ? { payload } : {}), headers: cookie ? { cookie } : {} });
    const signIn = await inject('POST', '/api/auth/sign-in', { email: 'owner@prairie.test', password: PASSWORD });
    const cookie = `arrivo_session=${signIn.cookies.find((c) => c.name === 'arrivo_session')!.value}`;
    const [category] = (await inject('GET', '/api/service-categories', undefined, cookie)).json().items;
    const customerDetail = (await inject('GET', `/api/customers/${app.customer.customerId}`, undefined, cookie)).json();
    const created = await inject('POST', '/api/jobs', { customerId: app.customer.customerId, locationId: customerDetail.locations[0].id, categoryId: category.id, priority: 'normal', description: 'Annual furnace check before winter.' }, cookie);
    expect(created.statusCode).toBe(201);
    jobId = created.json().id;
    admin = await newPerson(browser, DESKTOP, TIME_ZONE);
    customer = await newPerson(browser, PHONE, TIME_ZONE);
  });

  afterEach((context) => keepFailure(context, 'tour', { admin, customer }));

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const visit = async (page: Page, path: string, heading: string | RegExp, name: string) => {
    await page.goto(`${app.url}${path}`);
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    await page.waitForLoadState('networkidle');
    await expectAccessible(page, name);
    await screenshotBothSizes(page, name);
  };

  it('the console, as the company admin', async () => {
    const page = admin.page;
    await page.goto(`${app.url}/sign-in`);
    await page.getByLabel('Email').fill('owner@prairie.test');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Jobs' }).waitFor();

    await visit(page, '/console/jobs/new', 'New job', 'tour-console-new-job');
    await visit(page, '/console/customers', 'Customers', 'tour-console-customers');
    await visit(page, `/console/customers/${app.customer.customerId}`, 'García household', 'tour-console-customer');
    await page.getByRole('link', { name: /ARV-\d{2}-00001/ }).first().waitFor();
    await visit(page, '/console/technicians', 'Technicians', 'tour-console-technicians');
    await visit(page, '/console/settings', 'Settings', 'tour-console-settings');
    await visit(page, '/console/settings/notifications', 'Notification messages', 'tour-console-notification-messages');
    await page.getByRole('heading', { name: 'Preview with sample values' }).waitFor();
    await visit(page, '/dev/mailbox', /mailbox/i, 'tour-console-dev-mailbox');
    await visit(page, `/console/jobs/${jobId}`, /ARV-/, 'tour-console-job-created');
    expect(admin.errors).toEqual([]);
  });

  it('the customer’s account pages', async () => {
    const page = customer.page;
    const signIn = await app.t.app.inject({ method: 'POST', url: '/api/portal/sign-in-links', payload: { company: app.company.slug, email: app.customer.email } });
    expect(signIn.statusCode).toBe(202);
    const [mail] = await app.inbox.waitFor(1, (m) => m.envelopeTo.includes(app.customer.email) && m.text.includes('/portal/sign-in#token='));
    await page.goto(/http:\/\/localhost:\d+\/portal\/sign-in#token=[\w-]+/.exec(mail!.text)![0]);
    await page.getByRole('heading', { level: 1, name: 'My jobs' }).waitFor();
    await page.getByText('Annual furnace check before winter.').waitFor();
    await expectAccessible(page, 'my jobs');
    await screenshotBothSizes(page, 'tour-portal-my-jobs');
    await visit(page, '/portal/settings', 'Settings', 'tour-portal-settings');
    await visit(page, `/portal/jobs/${jobId}`, 'Request received', 'tour-portal-job');
    expect(customer.errors).toEqual([]);
  });
});
