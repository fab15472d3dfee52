import type { Browser, Request } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TINY_PNG } from '../helpers/http.js';
import { DESKTOP, expectAccessible, keepFailure, launchBrowser, newPerson, type Person, PHONE, screenshotBothSizes } from './support/browser.js';
import { heading, signInStaff } from './support/pages.js';
import { startE2eApp, TIME_ZONE, type E2eApp } from './support/e2e-app.js';

/**
 * The whole story of a job, played by three people in three browsers against one real Arrivo:
 * Ana files a request from her phone, Dana schedules and assigns it in the console, Alex runs the
 * visit from his phone, and Ana sees every step on her job page. Each main page is checked with
 * axe-core and photographed at phone and desktop size (tests/artifacts/screenshots/).
 */

/** The visit's window: the next whole hour plus one, two hours long, in the company's zone. */
function visitWindow() {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit' })
      .formatToParts(new Date(Date.now() + 2 * 3600_000))
      .map((p) => [p.type, p.value]),
  );
  // Late in the evening the window moves to tomorrow morning rather than cross midnight.
  const startHour = Number(parts.hour);
  if (startHour > 20) {
    const tomorrow = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(new Date(Date.now() + 24 * 3600_000));
    return { date: tomorrow, start: '08:00', end: '10:00' };
  }
  const pad = (n: number) => String(n).padStart(2, '0');
  return { date: `${parts.year}-${parts.month}-${parts.day}`, start: `${pad(startHour)}:00`, end: `${pad(startHour + 2)}:00` };
}

describe('a job from request to completion, across the portal, the console and the technician view', () => {
  let app: E2eApp;
  let browser: Browser;
  let customer: Person;
  let dispatcher: Person;
  let technician: Person;
  let jobUrl = '';
  let reference = '';
  const window = visitWindow();

  beforeAll(async () => {
    app = await startE2eApp();
    browser = await launchBrowser();
    customer = await newPerson(browser, PHONE, TIME_ZONE);
    dispatcher = await newPerson(browser, DESKTOP, TIME_ZONE);
    technician = await newPerson(browser, PHONE, TIME_ZONE);
  });

  // When a step fails, what each person had on screen says why faster than the locator's message.
  afterEach((context) => keepFailure(context, 'story', { customer, dispatcher, technician }));

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('the customer signs in with a link from her e-mail and files a request with a photo', async () => {
    const page = customer.page;
    await page.goto(`${app.url}/portal/sign-in?company=${app.company.slug}`);
    await heading(page, `Sign in to ${app.company.name}`);
    await expectAccessible(page, 'portal sign-in');
    await screenshotBothSizes(page, '01-portal-sign-in');

    await page.getByLabel('Email').fill(app.customer.email);
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
    const [mail] = await app.inbox.waitFor(1, (m) => m.envelopeTo.includes(app.customer.email));
    const link = /http:\/\/localhost:\d+\/portal\/sign-in#token=[\w-]+/.exec(mail!.text)?.[0];
    expect(link).toBeDefined();

    await page.goto(link!);
    await heading(page, 'My jobs');
    expect(page.url()).toBe(`${app.url}/portal/jobs`);
    await expectAccessible(page, 'my jobs (empty)');
    await screenshotBothSizes(page, '02-portal-my-jobs-empty');

    await page.getByRole('navigation', { name: 'Your account' }).getByRole('link', { name: 'Request service' }).click();
    await heading(page, 'Request service');
    // Sending an empty form names what is missing, at the top and next to each field.
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.getByRole('alert').filter({ hasText: 'Please fix the following before sending:' }).waitFor();
    await expectAccessible(page, 'new request with errors');
    await screenshotBothSizes(page, '03-portal-new-request-errors');

    await page.getByRole('radio', { name: /General service/ }).check();
    await page.getByLabel('Description').fill('The furnace makes a banging noise and the living room stays cold.');
    await page.getByRole('radio', { name: /^High/ }).check();
    await page.getByRole('checkbox', { name: /I understand that for .* priority/ }).check();
    await page.getByRole('radio', { name: /Home/ }).check();
    await page.getByLabel('Add photos').setInputFiles({ name: 'furnace.png', mimeType: 'image/png', buffer: TINY_PNG });
    await page.getByRole('button', { name: 'Remove furnace.png' }).waitFor();
    await page.getByText('Uploading…').waitFor({ state: 'detached' });
    await screenshotBothSizes(page, '04-portal-new-request-filled');
    await page.getByRole('button', { name: 'Send request' }).click();

    await heading(page, 'Request sent');
    reference = (await page.getByText(/^[A-Z]{2,5}-\d{2}-\d{5}$/).first().textContent())!.trim();
    expect(reference).toMatch(/^[A-Z]{2,5}-\d{2}-\d{5}$/);
    await expectAccessible(page, 'request sent');
    await screenshotBothSizes(page, '05-portal-request-sent');

    await page.getByRole('link', { name: 'Follow your request' }).click();
    await heading(page, 'Request received');
    jobUrl = page.url();
    expect(jobUrl).toMatch(/\/portal\/jobs\/[0-9a-f-]{36}$/);
    await page.getByRole('img', { name: /furnace/ }).first().waitFor();
    await expectAccessible(page, 'job page: request received');
    await screenshotBothSizes(page, '06-portal-job-received');
  });

  it('the dispatcher finds it on the board as unassigned, schedules it and assigns Alex', async () => {
    const page = dispatcher.page;
    await signInStaff(page, app.url, app.dispatcher.email);
    const row = page.getByRole('row').filter({ hasText: reference });
    await row.getByText('Unassigned').waitFor();
    await expectAccessible(page, 'job board');
    await screenshotBothSizes(page, '07-console-job-board');

    await row.getByRole('link', { name: reference }).click();
    await heading(page, new RegExp(reference));
    await page.getByText('The furnace makes a banging noise').first().waitFor();
    await page.getByRole('img', { name: /furnace/ }).first().waitFor();
    await expectAccessible(page, 'job detail');
    await screenshotBothSizes(page, '08-console-job-detail');

    await page.getByRole('button', { name: 'Schedule', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Schedule the visit' });
    // Options read "Alex Fixer — skills…": pick by the technician's name.
    const option = dialog.getByRole('option', { name: new RegExp(`^${app.technician.name}`) });
    await dialog.getByLabel('Technician').selectOption((await option.getAttribute('value'))!);
    await dialog.getByLabel('Date').fill(window.date);
    await dialog.getByLabel('Arrival window starts').fill(window.start);
    await dialog.getByLabel('Arrival window ends').fill(window.end);
    await screenshotBothSizes(page, '09-console-schedule-dialog');
    await dialog.getByRole('button', { name: 'Schedule', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText(app.technician.name).first().waitFor();
    await page.getByRole('button', { name: 'Reschedule' }).waitFor();
  });

  it('the customer sees the visit booked with her technician, and her note reaches the dispatcher’s bell live', async () => {
    const page = customer.page;
    await page.goto(jobUrl);
    await heading(page, /^Scheduled for /);
    await page.getByText('Alex Fixer').first().waitFor();
    await expectAccessible(page, 'job page: scheduled');
    await screenshotBothSizes(page, '10-portal-job-scheduled');

    // Her bell: the request acknowledged, the visit booked (and, the visit being tomorrow, its reminder).
    const bell = page.getByRole('button', { name: /^Notifications/ });
    await expect.poll(() => bell.getAttribute('aria-label')).toMatch(/^Notifications, [2-9] unread$/);
    await bell.click();
    const panel = page.getByRole('region', { name: 'Notifications', exact: true });
    await panel.getByText(/Your visit is booked/).waitFor();
    await panel.getByText(`We’ve received your request ${reference}`).waitFor();
    await expectAccessible(page, 'portal notification centre');
    await screenshotBothSizes(page, '10b-portal-notifications');
    await panel.getByRole('button', { name: 'Mark all read' }).click();
    await expect.poll(() => bell.getAttribute('aria-label')).toBe('Notifications');
    await page.keyboard.press('Escape');

    // The dispatcher is still on the job's page; her note shows up on his bell without a reload.
    const dispatcherBell = dispatcher.page.getByRole('button', { name: /^Notifications/ });
    const before = await dispatcherBell.getAttribute('aria-label');
    await page.getByLabel('Your note').fill('Please ring twice, the doorbell is quiet.');
    await page.getByRole('button', { name: 'Send to the team' }).click();
    await page.getByText('Thank you, your note was sent to the team.').waitFor();
    await expect.poll(() => dispatcherBell.getAttribute('aria-label'), { timeout: 5_000 }).not.toBe(before);
    await dispatcherBell.click();
    const staffPanel = dispatcher.page.getByRole('region', { name: 'Notifications', exact: true });
    const noteNotice = staffPanel.getByRole('link', { name: /added a note to/ });
    await noteNotice.waitFor();
    await screenshotBothSizes(dispatcher.page, '10c-console-notifications');
    await noteNotice.click();
    await staffPanel.waitFor({ state: 'hidden' });
    await dispatcher.page.getByText('Please ring twice, the doorbell is quiet.').first().waitFor();
  });

  it('the link in the "visit scheduled" e-mail opens the job page on a device that never signed in', async () => {
    const [mail] = await app.inbox.waitFor(1, (m) => m.envelopeTo.includes(app.customer.email) && /\/j\//.test(m.text));
    const link = /http:\/\/localhost:\d+\/j\/[\w-]+/.exec(mail!.text)![0];
    const stranger = await newPerson(browser, PHONE, TIME_ZONE);
    try {
      await stranger.page.goto(link);
      await heading(stranger.page, /^Scheduled for /);
      // The token left the address bar: it is in a cookie scoped to this job only.
      expect(stranger.page.url()).toBe(jobUrl);
      await stranger.page.getByRole('heading', { name: 'Add a note or photo' }).waitFor();
      // Not signed in: no account navigation.
      expect(await stranger.page.getByRole('navigation', { name: 'Your account' }).count()).toBe(0);
      expect(stranger.errors).toEqual([]);
    } finally {
      await stranger.context.close();
    }
  });

  it('the technician goes on the way, starts, pauses with a message, resumes and completes with notes and a photo; the customer sees each step', async () => {
    const page = technician.page;
    await signInStaff(page, app.url, app.technician.email, null);
    await page.waitForURL(/\/tech/);
    await page.goto(`${app.url}/tech?date=${window.date}`);
    const visit = page.getByRole('article', { name: /García household/ });
    await visit.waitFor();
    await expectAccessible(page, 'technician day');
    await screenshotBothSizes(page, '11-tech-today');

    await visit.getByRole('link', { name: /Details/ }).click();
    await heading(page, 'García household');
    await expectAccessible(page, 'technician visit');
    await screenshotBothSizes(page, '12-tech-visit-scheduled');

    const customerSees = async (hero: string | RegExp, shot: string) => {
      await customer.page.goto(jobUrl);
      await heading(customer.page, hero);
      await screenshotBothSizes(customer.page, shot);
    };

    // His phone shares where he is while he drives: about 3 km north-west of the customer.
    await technician.context.grantPermissions(['geolocation'], { origin: app.url });
    let position = { latitude: 41.905, longitude: -87.685 };
    await technician.context.setGeolocation({ ...position, accuracy: 10 });
    await page.getByRole('button', { name: 'On my way', exact: true }).click();
    await page.getByRole('button', { name: 'Start', exact: true }).waitFor();
    await page.getByText(/Sharing your location with/).waitFor();
    // The event streams the customer's tab holds open: the job page's parts share one.
    const openStreams = new Set<Request>();
    customer.page.on('request', (request) => request.url().endsWith('/events') && openStreams.add(request));
    customer.page.on('requestfinished', (request) => openStreams.delete(request));
    customer.page.on('requestfailed', (request) => openStreams.delete(request));
    await customerSees('Alex is on the way', '13-portal-job-on-the-way');

    // The customer watches him come: a map with both markers and an ETA that moves as he drives.
    const eta = customer.page.locator('.job-status__eta');
    await eta.filter({ hasText: /Arriving around .* min/ }).waitFor({ timeout: 20_000 });
    await customer.page.getByRole('region', { name: /Map showing where Alex Fixer is/ }).waitFor();
    const marker = customer.page.locator('.leaflet-marker-icon:has(.leaflet-map__person)');
    const firstEta = await eta.textContent();
    const firstMarker = await marker.getAttribute('style');
    expect([...openStreams].map((request) => new URL(request.url()).pathname)).toEqual([`/api/portal/jobs/${new URL(jobUrl).pathname.split('/').pop()}/events`]);
    await screenshotBothSizes(customer.page, '13b-portal-job-live-map');
    await expectAccessible(customer.page, 'job page: on the way, with the map');
    // 250 m closer every 5 s (about 180 km/h: quick, but plausible for the server's checks).
    for (let step = 0; step < 10 && (await eta.textContent()) === firstEta; step++) {
      position = { latitude: position.latitude - 0.0012, longitude: position.longitude + 0.0018 };
      await technician.context.setGeolocation({ ...position, accuracy: 10 });
      await customer.page.waitForTimeout(5_000);
    }
    expect(await eta.textContent()).not.toBe(firstEta);
    expect(await marker.getAttribute('style')).not.toBe(firstMarker);
    await screenshotBothSizes(customer.page, '13c-portal-job-live-map-closer');

    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await page.getByRole('button', { name: 'Pause', exact: true }).waitFor();
    await screenshotBothSizes(page, '14-tech-visit-in-progress');
    await customerSees('In progress', '15-portal-job-in-progress');

    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await page.getByLabel('Message to the customer').fill('Waiting for a new igniter, back on Thursday morning.');
    await screenshotBothSizes(page, '16-tech-pause-form');
    await page.getByRole('button', { name: 'Pause visit' }).click();
    await page.getByRole('button', { name: 'Resume', exact: true }).waitFor();
    await customerSees('Paused: Waiting for a new igniter, back on Thursday morning.', '17-portal-job-paused');

    await page.getByRole('button', { name: 'Resume', exact: true }).click();
    await page.getByRole('button', { name: 'Complete', exact: true }).click();
    await page.getByLabel('Notes').fill('Replaced the igniter and cleaned the burners. Heating runs normally.');
    await page.getByLabel('Add photos').setInputFiles({ name: 'igniter.png', mimeType: 'image/png', buffer: TINY_PNG });
    await page.getByRole('button', { name: 'Remove igniter.png' }).waitFor();
    await page.getByText('Uploading…').waitFor({ state: 'detached' });
    await expectAccessible(page, 'technician complete form');
    await screenshotBothSizes(page, '18-tech-complete-form');
    await page.getByRole('button', { name: 'Complete visit' }).click();
    await page.getByRole('link', { name: "Back to today's visits" }).waitFor();

    await customerSees('Completed', '19-portal-job-completed');
    await expectAccessible(customer.page, 'job page: completed');
    // Every step is on her timeline, with its date and time.
    const activity = customer.page.getByRole('region', { name: 'Activity' });
    for (const step of ['Request received', /Visit scheduled for/, /Alex Fixer is on the way/, 'Work started', 'Work paused', 'Work resumed', 'Job completed']) {
      await activity.getByText(step).first().waitFor();
    }
    await activity.getByText('Replaced the igniter and cleaned the burners.').waitFor();
    expect(await activity.locator('time').count()).toBeGreaterThanOrEqual(7);
  });

  it('the dispatcher sees the finished job on the board; no page raised an error', async () => {
    const page = dispatcher.page;
    await page.goto(`${app.url}/console?status=completed`);
    await page.getByRole('row').filter({ hasText: reference }).getByText('Completed').waitFor();
    await screenshotBothSizes(page, '20-console-board-completed');
    for (const person of [customer, dispatcher, technician]) expect(person.errors).toEqual([]);
  });
});

