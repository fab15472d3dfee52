import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../helpers/http.js';
import { DESKTOP, expectAccessible, keepFailure, launchBrowser, newPerson, type Person, PHONE, SCREENSHOT_DIR, screenshotBothSizes } from './support/browser.js';
import { PASSWORD, startE2eApp, TIME_ZONE, type E2eApp } from './support/e2e-app.js';

/**
 * Messages and the satisfaction survey, played by Ana on her phone and Dana in the console against
 * one real Arrivo: Ana writes from her job page (opened from a job link), Dana sees it arrive live
 * and replies, Ana sees the reply arrive; once the job is completed Ana rates the visit from the
 * job page, and the survey link of the "completed" e-mail opens her answer for someone signed out.
 */
describe('messages between a customer and the office, and the survey of a completed job', () => {
  let app: E2eApp;
  let browser: Browser;
  let customer: Person;
  let dispatcher: Person;
  let jobId = '';
  let reference = '';
  let technician = { cookie: '' };
  let technicianSession = '';
  let appointmentId = '';
  let office = { cookie: '' };

  beforeAll(async () => {
    app = await startE2eApp();
    browser = await launchBrowser();
    customer = await newPerson(browser, PHONE, TIME_ZONE);
    dispatcher = await newPerson(browser, DESKTOP, TIME_ZONE);
    const { services } = app.t.app;
    const users = await app.t.db.selectFrom('users').select(['id', 'email']).where('company_id', '=', app.company.id).execute();
    const idOf = (email: string) => users.find((u) => u.email === email)!.id;
    office = { cookie: `arrivo_session=${(await services.accounts.createSession(app.company.id, 'user', idOf(app.dispatcher.email))).token}` };
    technicianSession = (await services.accounts.createSession(app.company.id, 'user', idOf(app.technician.email))).token;
    technician = { cookie: `arrivo_session=${technicianSession}` };

    // A job booked for the next hours with Alex, as the office would have done.
    const customerRow = await services.customers.detail(app.company.id, app.customer.customerId);
    const categories = await services.categories.list(app.company.id);
    const created = await call(app.t.app, 'POST', '/api/jobs', {
      ...office,
      body: { customerId: app.customer.customerId, locationId: customerRow.locations[0]!.id, categoryId: categories[0]!.id, priority: 'normal', description: 'The furnace makes a banging noise.' },
    });
    expect(created.status).toBe(201);
    jobId = created.body.id;
    reference = created.body.reference;
    const start = new Date(Math.ceil(Date.now() / 3600_000) * 3600_000);
    const scheduled = await call(app.t.app, 'POST', `/api/jobs/${jobId}/schedule`, {
      ...office,
      body: { technicianId: idOf(app.technician.email), windowStart: start.toISOString(), windowEnd: new Date(start.getTime() + 2 * 3600_000).toISOString(), allowOverlap: true },
    });
    expect(scheduled.status, JSON.stringify(scheduled.body)).toBe(200);
    appointmentId = scheduled.body.visits[0].id;
  });

  afterEach((context) => keepFailure(context, 'messages', { customer, dispatcher }));

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const messages = (page: Page, name: string | RegExp) => page.getByRole('log', { name });

  it('the customer writes from the job page; the dispatcher sees it arrive live and replies; the customer sees the reply live', async () => {
    // Dana has the job open in the console before Ana writes.
    const console = dispatcher.page;
    await console.goto(`${app.url}/sign-in`);
    await console.getByLabel('Email').fill(app.dispatcher.email);
    await console.getByLabel('Password').fill(PASSWORD);
    await console.getByRole('button', { name: 'Sign in' }).click();
    await console.getByRole('navigation', { name: 'Console' }).waitFor();
    await console.goto(`${app.url}/console/jobs/${jobId}`);
    await console.getByRole('heading', { name: 'Messages with the customer' }).waitFor();
    await console.getByText('No messages yet.', { exact: false }).waitFor();

    // Ana opens the job from a job link (as from any notification) on her phone.
    const link = await app.t.app.services.accounts.createJobLink(app.company.id, jobId, (await app.t.db.selectFrom('contacts').select('id').where('email', '=', app.customer.email).executeTakeFirstOrThrow()).id);
    const page = customer.page;
    await page.goto(link.url);
    await page.getByRole('heading', { name: 'Messages' }).waitFor();
    await page.getByLabel('Your message').fill('Hello! The side gate is locked: please ring the bell at the front door.');
    await page.getByRole('button', { name: 'Send message' }).click();
    await messages(page, /Conversation with/).getByText('The side gate is locked', { exact: false }).waitFor();
    expect(await page.getByLabel('Your message').inputValue()).toBe('');

    // It arrives in Dana's open page without a reload, and her nav counts it until she has seen it.
    await messages(console, 'Conversation with the customer').getByText('The side gate is locked', { exact: false }).waitFor();
    await console.getByLabel('Reply to the customer').fill('Thanks Ana, Alex will ring at the front door.');
    await console.getByRole('button', { name: 'Send reply' }).click();
    await messages(console, 'Conversation with the customer').getByText('Alex will ring at the front door').waitFor();
    await expectAccessible(console, 'console job messages');
    await console.screenshot({ path: `${SCREENSHOT_DIR}/messages-console-job.desktop.png`, fullPage: true });

    // The reply arrives on Ana's page without a reload.
    await messages(page, /Conversation with/).getByText('Alex will ring at the front door').waitFor();
    await expectAccessible(page, 'portal job messages');
    await page.getByRole('heading', { name: 'Messages' }).scrollIntoViewIfNeeded();
    await screenshotBothSizes(page, 'messages-portal-job');

    // The inbox lists the conversation; answered, it no longer waits.
    await console.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: /^Messages/ }).click();
    await console.getByRole('heading', { level: 1, name: 'Messages' }).waitFor();
    await console.getByRole('link', { name: new RegExp(reference) }).getByText('Alex will ring at the front door', { exact: false }).waitFor();
    await expectAccessible(console, 'console messages inbox');
    await console.screenshot({ path: `${SCREENSHOT_DIR}/messages-console-inbox.desktop.png`, fullPage: true });

    // Dana heard of Ana's message by e-mail too (the dispatchers' customer_message).
    const [mail] = await app.inbox.waitFor(1, (m) => m.envelopeTo.includes(app.dispatcher.email) && m.subject.startsWith('New message from Ana García'));
    expect(mail!.text).toContain('The side gate is locked');
    expect(customer.errors).toEqual([]);
    expect(dispatcher.errors).toEqual([]);
  });

  it('the technician reads the conversation on the visit page and answers from site; the customer sees it live', async () => {
    const alex = await newPerson(browser, PHONE, TIME_ZONE);
    try {
      await alex.context.addCookies([{ name: 'arrivo_session', value: technicianSession, url: app.url }]);
      await alex.page.goto(`${app.url}/tech/visits/${appointmentId}`);
      const thread = messages(alex.page, 'Conversation with the customer');
      await thread.getByText('The side gate is locked', { exact: false }).waitFor();
      await alex.page.getByLabel('Reply to the customer').fill('At the front door now.');
      await alex.page.getByRole('button', { name: 'Send reply' }).click();
      await thread.getByText('At the front door now.').waitFor();
      await expectAccessible(alex.page, 'technician visit messages');
      await screenshotBothSizes(alex.page, 'messages-technician-visit');
      await messages(customer.page, /Conversation with/).getByText('At the front door now.').waitFor();
      expect(alex.errors).toEqual([]);
    } finally {
      await alex.context.close();
    }
  });

  it('the customer rates the completed visit from the job page; the e-mail link opens the survey signed out; the office sees it', async () => {
    for (const step of ['on-my-way', 'start', 'complete']) {
      const visit = (await app.t.db.selectFrom('appointments').select('id').where('job_id', '=', jobId).executeTakeFirstOrThrow()).id;
      const answer = await call(app.t.app, 'POST', `/api/technician/appointments/${visit}/${step}`, { ...technician, ...(step === 'complete' ? { body: { notes: 'Tightened the blower motor mount; no more noise.' } } : {}) });
      expect(answer.status, `${step}: ${JSON.stringify(answer.body)}`).toBe(200);
    }

    // Ana's page follows the job live: completed, it invites her to rate the visit.
    const page = customer.page;
    await page.getByRole('heading', { name: 'How did we do?' }).waitFor();
    await page.evaluate('window.scrollTo(0, 0)');
    await screenshotBothSizes(page, 'survey-portal-completed-job');
    await page.getByRole('link', { name: 'Rate your visit' }).click();
    await page.getByRole('heading', { level: 1, name: 'How did we do?' }).waitFor();
    await page.getByRole('button', { name: 'Send my feedback' }).click();
    await page.getByText('Choose a rating from 1 to 5 stars.').waitFor();
    // The radio is drawn as a star over it: tapping the star is what a person does.
    await page.getByRole('radio', { name: '4 stars: very good' }).check({ force: true });
    await page.getByRole('radio', { name: 'Yes' }).check();
    await page.getByLabel(/Anything you would like to tell us/).fill('Friendly and on time. A call before arriving would be nice.');
    await expectAccessible(page, 'portal survey');
    await screenshotBothSizes(page, 'survey-portal-form');
    await page.getByRole('button', { name: 'Send my feedback' }).click();
    await page.getByRole('heading', { name: 'Thank you for your feedback' }).waitFor();
    await screenshotBothSizes(page, 'survey-portal-thanks');
    await page.getByRole('link', { name: 'Back to your job' }).click();
    await page.getByText('Thank you for your feedback.').waitFor();
    await expect(page.getByRole('link', { name: 'Rate your visit' }).count()).resolves.toBe(0);

    // The "completed" e-mail's survey link, opened by someone not signed in at all.
    const [done] = await app.inbox.waitFor(1, (m) => m.envelopeTo.includes(app.customer.email) && m.subject.includes('is done'));
    const surveyLink = done!.text.match(/http:\/\/localhost:\d+\/portal\/survey#link=j_[A-Za-z0-9_-]+/)?.[0];
    expect(surveyLink).toBeDefined();
    const stranger = await newPerson(browser, PHONE, TIME_ZONE);
    await stranger.page.goto(surveyLink!);
    await stranger.page.getByRole('heading', { name: 'Thank you for your feedback' }).waitFor();
    // The token left the address bar at once, and the job's survey opened.
    expect(stranger.page.url()).toBe(`${app.url}/portal/jobs/${jobId}/survey`);
    await stranger.page.getByRole('button', { name: 'Change my answer' }).click();
    await stranger.page.getByRole('radio', { name: '4 stars: very good' }).isChecked().then((checked) => expect(checked).toBe(true));
    await stranger.context.close();

    // Dana sees the answer on the job and on the feedback page.
    const console = dispatcher.page;
    await console.goto(`${app.url}/console/jobs/${jobId}`);
    await console.getByRole('heading', { name: 'Customer feedback' }).waitFor();
    await console.getByText('Friendly and on time.', { exact: false }).waitFor();
    await console.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Feedback' }).click();
    await console.getByRole('heading', { level: 1, name: 'Feedback' }).waitFor();
    await console.getByRole('article').filter({ hasText: reference }).waitFor();
    await expectAccessible(console, 'console feedback');
    await console.screenshot({ path: `${SCREENSHOT_DIR}/survey-console-feedback.desktop.png`, fullPage: true });
    expect(customer.errors).toEqual([]);
    expect(dispatcher.errors).toEqual([]);
  });
});
