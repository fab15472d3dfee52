import type { Browser } from 'playwright-core';
import { DateTime } from 'luxon';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../helpers/http.js';
import { DESKTOP, expectAccessible, keepFailure, launchBrowser, newPerson, type Person, PHONE, screenshotBothSizes } from './support/browser.js';
import { startE2eApp, TIME_ZONE, type E2eApp } from './support/e2e-app.js';

/**
 * A recurring service plan from the customer's phone: the office set up Ana's boiler plan; she
 * finds it under "Service plans" with its next visits (the first one already booked), makes it
 * less frequent, and skips the first visit. The clock runs with real time, so dates are computed
 * from today in the company's zone.
 */
describe('service plans in the portal: upcoming visits, change of frequency, skip', () => {
  let app: E2eApp;
  let browser: Browser;
  let ana: Person;
  let planId = '';
  let firstDate = '';

  beforeAll(async () => {
    app = await startE2eApp();
    browser = await launchBrowser();
    ana = await newPerson(browser, PHONE, TIME_ZONE);
    const { services } = app.t.app;
    const household = await services.customers.detail(app.company.id, app.customer.customerId);
    const session = await services.accounts.createSession(app.company.id, 'contact', household.contacts[0]!.id);
    await ana.context.addCookies([{ name: 'arrivo_session', value: session.token, url: app.url }]);

    // The office creates the plan; its first visit, a few working days ahead, is booked at once.
    const dispatcher = await app.t.db.selectFrom('users').select('id').where('email', '=', app.dispatcher.email).executeTakeFirstOrThrow();
    const office = await services.accounts.createSession(app.company.id, 'user', dispatcher.id);
    let first = DateTime.now().setZone(TIME_ZONE).plus({ days: 3 });
    while (first.weekday > 5) first = first.plus({ days: 1 });
    firstDate = first.toISODate()!;
    const categoryId = (await services.categories.list(app.company.id))[0]!.id;
    const created = await call(app.t.app, 'POST', '/api/service-plans', {
      cookie: `arrivo_session=${office.token}`,
      body: { customerId: household.id, locationId: household.locations[0]!.id, categoryId, name: 'Boiler maintenance', frequency: { every: 3, unit: 'month' }, startDate: firstDate, preferredTimeOfDay: 'morning' },
    });
    expect(created.status).toBe(201);
    planId = created.body.id;
  });

  afterEach((context) => keepFailure(context, 'service-plans', { ana }));

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('the signed-in customer sees the plan and its next visits, reached from the navigation', async () => {
    const page = ana.page;
    await page.goto(`${app.url}/portal/jobs`);
    await page.getByRole('navigation', { name: 'Your account' }).getByRole('link', { name: 'Service plans' }).click();
    await page.getByRole('heading', { level: 1, name: 'Service plans' }).waitFor();
    const plan = page.getByRole('article', { name: 'Boiler maintenance' });
    await plan.getByText('Every 3 months', { exact: true }).first().waitFor();
    const visits = plan.getByRole('region', { name: 'Next visits' }).getByRole('listitem');
    await visits.first().waitFor();
    // The first visit is booked into a morning window with a technician; the next ones are planned.
    await expect.poll(() => visits.first().textContent()).toMatch(/with Alex Fixer/);
    expect(await visits.first().textContent()).toContain('Booked');
    expect(await visits.nth(1).textContent()).toContain('Planned');
    expect(ana.errors).toEqual([]);
    await expectAccessible(page, 'portal service plans');
    await screenshotBothSizes(page, '60-portal-service-plans');
  });

  it('changes the frequency and skips the first visit', async () => {
    const page = ana.page;
    const plan = page.getByRole('article', { name: 'Boiler maintenance' });
    await plan.getByLabel('How often').selectOption({ label: 'Every 6 months' });
    await plan.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Your plan now repeats every 6 months.').waitFor();
    await expect.poll(() => plan.locator('.service-plan__frequency').textContent()).toBe('Every 6 months');

    const firstLabel = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(`${firstDate}T00:00:00Z`));
    await plan.getByRole('button', { name: `Skip the visit of ${firstLabel}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Skip this visit?' });
    await dialog.getByLabel('Reason (optional)').fill('We are away that week');
    await screenshotBothSizes(page, '61-portal-service-plan-skip-dialog');
    await dialog.getByRole('button', { name: 'Skip visit' }).click();
    await page.getByText('Visit skipped.').waitFor();
    const first = plan.getByRole('region', { name: 'Next visits' }).getByRole('listitem').first();
    await expect.poll(() => first.textContent()).toContain('Skipped');
    expect(ana.errors).toEqual([]);
    await screenshotBothSizes(page, '62-portal-service-plan-after-skip');

    const rows = await app.t.db
      .selectFrom('service_plan_occurrences as o')
      .innerJoin('jobs', 'jobs.id', 'o.job_id')
      .select(['o.occurrence_date', 'o.status', 'jobs.status as job_status', 'jobs.cancel_reason'])
      .where('o.plan_id', '=', planId)
      .execute();
    expect(rows.find((r) => r.occurrence_date === firstDate)).toEqual({ occurrence_date: firstDate, status: 'skipped', job_status: 'cancelled', cancel_reason: expect.stringContaining('We are away that week') });
    // The plan always keeps its next visit booked: six months later, now.
    const next = DateTime.fromISO(firstDate).plus({ months: 6 }).toISODate();
    expect(rows.find((r) => r.occurrence_date === next)).toMatchObject({ status: 'generated', job_status: 'scheduled' });
  });

  it('the office sees the plan on the customer page and in the plans list, and suspends it', async () => {
    const office = await newPerson(browser, DESKTOP, TIME_ZONE);
    const dispatcher = await app.t.db.selectFrom('users').select('id').where('email', '=', app.dispatcher.email).executeTakeFirstOrThrow();
    const session = await app.t.app.services.accounts.createSession(app.company.id, 'user', dispatcher.id);
    await office.context.addCookies([{ name: 'arrivo_session', value: session.token, url: app.url }]);
    const page = office.page;
    await page.goto(`${app.url}/console/customers/${app.customer.customerId}`);
    const section = page.getByRole('region', { name: 'Service plans' });
    const plan = section.getByRole('article', { name: 'Boiler maintenance' });
    await plan.waitFor();
    await expect.poll(() => plan.locator('.service-plan__frequency').textContent()).toBe('Every 6 months');
    // A second plan from the dialog: a yearly check in the afternoon.
    await section.getByRole('button', { name: 'New plan' }).click();
    const form = page.getByRole('dialog', { name: 'New plan' });
    await form.getByLabel('Name').fill('Air conditioning check');
    await form.getByLabel('Every', { exact: true }).fill('1');
    await form.getByLabel('Unit').selectOption('year');
    const start = DateTime.now().setZone(TIME_ZONE).plus({ days: 10 }).toISODate()!;
    await form.getByLabel('First visit on').fill(start);
    await form.getByLabel('Time of day').selectOption('afternoon');
    await form.getByLabel('Notes for the technician').fill('Unit is on the roof; ladder in the garage.');
    await screenshotBothSizes(page, '65-console-new-service-plan');
    await form.getByRole('button', { name: 'Create plan' }).click();
    await page.getByText('Plan created; its first visits are booked.').waitFor();
    const second = section.getByRole('article', { name: 'Air conditioning check' });
    await second.getByText('Every year', { exact: true }).first().waitFor();
    await expect.poll(() => second.getByRole('listitem').first().textContent()).toMatch(/Booked|Date to be confirmed/);

    await plan.getByRole('button', { name: 'Suspend plan' }).click();
    const dialog = page.getByRole('dialog', { name: 'Suspend this plan?' });
    await dialog.getByLabel('Reason (optional)').fill('Customer asked by phone');
    await dialog.getByRole('button', { name: 'Suspend plan' }).click();
    await plan.getByRole('button', { name: 'Resume plan' }).waitFor();
    await screenshotBothSizes(page, '63-console-customer-service-plans');

    await page.getByRole('link', { name: 'Service plans' }).click();
    await page.getByRole('heading', { level: 1, name: 'Service plans' }).waitFor();
    await page.getByRole('row', { name: /Boiler maintenance/ }).waitFor();
    await expectAccessible(page, 'console service plans');
    await screenshotBothSizes(page, '64-console-service-plans');
    expect(office.errors).toEqual([]);
  });
});
