import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, expectAccessible, keepFailure, launchBrowser, newPerson, type Person, screenshotBothSizes } from './support/browser.js';
import { heading, signInStaff, toast } from './support/pages.js';
import { PASSWORD, startE2eApp, TIME_ZONE, type E2eApp } from './support/e2e-app.js';

/**
 * The console's scheduling screens (decision 010): an admin sets the booking policy and a territory,
 * gives Alex a working week and a day off; Dana schedules one job by picking a suggested window, then
 * puts Alex on a second long visit at the same time, is told he is busy and books it anyway.
 */

/** A local date in the company's zone, some days from now. */
const localDate = (daysFromNow: number) => new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(new Date(Date.now() + daysFromNow * 24 * 3600_000));

describe('the console’s scheduling screens', () => {
  let app: E2eApp;
  let browser: Browser;
  let admin: Person;
  let dispatcher: Person;
  // Two jobs of a three-hour service at the García home: two such visits cannot share one window.
  const jobs: { id: string; reference: string }[] = [];
  const dayOff = localDate(2);
  let booked = { date: '', start: '', end: '' };

  beforeAll(async () => {
    app = await startE2eApp();
    browser = await launchBrowser();
    const inject = (method: 'GET' | 'POST', url: string, payload?: object, cookie?: string) =>
      app.t.app.inject({ method, url, ...(payload ? { payload } : {}), headers: cookie ? { cookie } : {} });
    const signIn = await inject('POST', '/api/auth/sign-in', { email: 'owner@prairie.test', password: PASSWORD });
    const cookie = `arrivo_session=${signIn.cookies.find((c) => c.name === 'arrivo_session')!.value}`;
    const category = await inject(
      'POST',
      '/api/service-categories',
      { name: 'Furnace replacement', description: 'Old unit out, new unit in.', defaultDurationMinutes: 180, requiredSkills: [], slaMinutes: { emergency: 240, high: 1440, normal: 4320, low: 10080 }, active: true },
      cookie,
    );
    expect(category.statusCode).toBe(201);
    const customer = (await inject('GET', `/api/customers/${app.customer.customerId}`, undefined, cookie)).json();
    for (const description of ['Replace the furnace in the basement.', 'Replace the furnace in the garage apartment.']) {
      const created = await inject('POST', '/api/jobs', { customerId: app.customer.customerId, locationId: customer.locations[0].id, categoryId: category.json().id, priority: 'normal', description }, cookie);
      expect(created.statusCode).toBe(201);
      jobs.push({ id: created.json().id, reference: created.json().reference });
    }
    admin = await newPerson(browser, DESKTOP, TIME_ZONE);
    dispatcher = await newPerson(browser, DESKTOP, TIME_ZONE);
  });

  afterEach((context) => keepFailure(context, 'scheduling', { admin, dispatcher }));

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('an admin sets the booking policy and a territory', async () => {
    const page = admin.page;
    await signInStaff(page, app.url, 'owner@prairie.test');
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Booking and territories' }).click();
    await heading(page, 'Booking and territories');
    const policy = page.getByRole('region', { name: 'Booking policy' });
    await expect.poll(() => policy.getByLabel('Arrival window length (minutes)').inputValue()).toBe('120');

    // The API's field errors show next to their fields.
    await policy.getByLabel('Booking horizon (days)').fill('0');
    await policy.getByRole('button', { name: 'Save booking policy' }).click();
    await policy.getByText('Booking horizon (days) must be at least 1').waitFor();
    await expectAccessible(page, 'booking policy with an error');

    await policy.getByLabel('Booking horizon (days)').fill('45');
    await policy.getByLabel('Buffer between visits (minutes)').fill('20');
    await policy.getByLabel('Customers may choose their technician').check();
    await policy.getByRole('button', { name: 'Save booking policy' }).click();
    await toast(page, 'The booking policy is saved.');

    const territories = page.getByRole('region', { name: 'Territories' });
    await territories.getByText('Every technician serves every address.').waitFor();
    await territories.getByRole('button', { name: 'Add a territory' }).click();
    await territories.getByLabel('Name').fill('West Loop');
    await territories.getByLabel('Postal codes').fill('60607, 60661 6060*');
    await territories.getByRole('button', { name: 'Save territories' }).click();
    await toast(page, 'The territories are saved.');
    await territories.getByText('No technician serves it yet.').waitFor();
    await page.waitForLoadState('networkidle');
    await expectAccessible(page, 'booking and territories');
    await screenshotBothSizes(page, 'scheduling-01-booking-settings');

    // Saved for real: a fresh page shows what was saved.
    await page.reload();
    await heading(page, 'Booking and territories');
    await expect.poll(() => page.getByLabel('Buffer between visits (minutes)').inputValue()).toBe('20');
    expect(await page.getByLabel('Postal codes').inputValue()).toBe('60607, 60661, 6060*');
    expect(admin.errors).toEqual([]);
  });

  it('the admin gives Alex his own week, a day off and his territory', async () => {
    const page = admin.page;
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Technicians' }).click();
    await heading(page, 'Technicians');
    await page.getByRole('article', { name: app.technician.name }).getByRole('link', { name: 'Hours and time off' }).click();
    await heading(page, app.technician.name);
    await page.getByText('has no hours of their own').waitFor();

    // Every day 08:00–18:00, weekends included, so the test does not depend on the weekday it runs on;
    // Monday with a lunch break.
    for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']) {
      const group = page.getByRole('group', { name: day });
      const notWorking = group.getByLabel('Not working');
      if (await notWorking.isChecked()) await notWorking.uncheck();
      await group.getByLabel('Starts').fill('08:00');
      await group.getByLabel('Ends').fill(day === 'Monday' ? '12:00' : '18:00');
    }
    const monday = page.getByRole('group', { name: 'Monday' });
    await monday.getByRole('button', { name: 'Add hours on Monday' }).click();
    await monday.getByLabel('Starts').nth(1).fill('13:00');
    await monday.getByLabel('Ends').nth(1).fill('18:00');
    await page.getByRole('button', { name: 'Save working hours' }).click();
    await toast(page, `The working hours of ${app.technician.name} are saved.`);
    await page.getByText('has working hours of their own').waitFor();

    const timeOff = page.getByRole('region', { name: 'Time off' });
    await timeOff.getByLabel('From', { exact: true }).fill(`${dayOff}T00:00`);
    await timeOff.getByLabel('Until').fill(`${localDate(3)}T00:00`);
    await timeOff.getByLabel('Reason (optional)').fill('Training day');
    await timeOff.getByRole('button', { name: 'Add time off' }).click();
    await toast(page, 'The time off is added.');
    await timeOff.getByText('Training day').waitFor();
    await timeOff.getByText(/, all day$/).waitFor();

    const served = page.getByRole('region', { name: 'Territories served' });
    await served.getByLabel('West Loop').check();
    await served.getByRole('button', { name: 'Save territories' }).click();
    await toast(page, `The territories of ${app.technician.name} are saved.`);
    await page.waitForLoadState('networkidle');
    await expectAccessible(page, 'technician schedule');
    await screenshotBothSizes(page, 'scheduling-02-technician-schedule');

    expect(admin.errors).toEqual([]);
  });

  it('a dispatcher reads the territories and schedules a job by picking a suggested window', async () => {
    const page = dispatcher.page;
    await signInStaff(page, app.url, app.dispatcher.email);
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Booking and territories' }).click();
    await heading(page, 'Booking and territories');
    await page.getByText('Only admins can change the booking policy.').waitFor();
    await page.getByRole('row', { name: /West Loop/ }).getByText(app.technician.name, { exact: false }).waitFor();
    await page.waitForLoadState('networkidle');
    await expectAccessible(page, 'booking settings, read-only');
    await screenshotBothSizes(page, 'scheduling-03-booking-settings-dispatcher');

    await page.goto(`${app.url}/console/jobs/${jobs[0]!.id}`);
    await heading(page, jobs[0]!.reference);
    await page.getByRole('button', { name: 'Schedule', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Schedule the visit' });
    const suggestions = dialog.getByRole('region', { name: 'Suggested windows' });
    const first = suggestions.getByRole('button', { name: new RegExp(app.technician.name) }).first();
    await first.waitFor();
    // Alex's day off offers nothing.
    expect(await suggestions.locator(`[data-date="${dayOff}"]`).count()).toBe(0);
    await first.click();
    await expect.poll(() => first.getAttribute('aria-pressed')).toBe('true');
    booked = {
      date: await dialog.getByLabel('Date').inputValue(),
      start: await dialog.getByLabel('Arrival window starts').inputValue(),
      end: await dialog.getByLabel('Arrival window ends').inputValue(),
    };
    expect(booked.date).not.toBe(dayOff);
    expect(booked.start).toMatch(/^\d\d:\d\d$/);
    const technician = dialog.getByLabel('Technician');
    expect(await technician.locator('option:checked').textContent()).toContain(app.technician.name);
    await expectAccessible(page, 'schedule dialog with suggested windows');
    await screenshotBothSizes(page, 'scheduling-04-schedule-dialog-suggestions');
    await dialog.getByRole('button', { name: 'Schedule', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await toast(page, 'The visit is booked.');
    await page.getByRole('button', { name: 'Reschedule' }).waitFor();
    expect(dispatcher.errors).toEqual([]);
  });

  it('an impossible overlap answers TECHNICIAN_BUSY with the visit in the way, and the dispatcher books anyway', async () => {
    const page = dispatcher.page;
    await page.goto(`${app.url}/console/jobs/${jobs[1]!.id}`);
    await heading(page, jobs[1]!.reference);
    await page.getByRole('button', { name: 'Schedule', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Schedule the visit' });
    const option = dialog.getByRole('option', { name: new RegExp(`^${app.technician.name}`) });
    await dialog.getByLabel('Technician').selectOption((await option.getAttribute('value'))!);
    await dialog.getByLabel('Date').fill(booked.date);
    await dialog.getByLabel('Arrival window starts').fill(booked.start);
    await dialog.getByLabel('Arrival window ends').fill(booked.end);
    await dialog.getByRole('button', { name: 'Schedule', exact: true }).click();

    const busy = dialog.getByRole('alert').filter({ hasText: `${app.technician.name} cannot fit this visit in` });
    await busy.waitFor();
    await busy.getByRole('link', { name: new RegExp(jobs[0]!.reference) }).waitFor();
    await expectAccessible(page, 'technician busy');
    await screenshotBothSizes(page, 'scheduling-05-technician-busy');

    await busy.getByRole('button', { name: 'Book anyway' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await toast(page, 'The visit is booked.');
    await page.getByRole('button', { name: 'Reschedule' }).waitFor();
    const job = await app.t.app.inject({ method: 'GET', url: `/api/jobs/${jobs[1]!.id}`, headers: { cookie: (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ') } });
    expect(job.json().appointment.technician.name).toBe(app.technician.name);

    // Moving the first visit shows its own window as free again: a job never blocks itself.
    await page.goto(`${app.url}/console/jobs/${jobs[0]!.id}`);
    await heading(page, jobs[0]!.reference);
    await page.getByRole('button', { name: 'Reschedule' }).click();
    const move = page.getByRole('dialog', { name: 'Reschedule the visit' });
    await move.getByRole('region', { name: 'Suggested windows' }).getByRole('button', { name: new RegExp(app.technician.name) }).first().waitFor();
    await page.waitForLoadState('networkidle');
    await expectAccessible(page, 'reschedule dialog');
    await screenshotBothSizes(page, 'scheduling-06-reschedule-dialog');
    expect(dispatcher.errors).toEqual([]);
  });
});
