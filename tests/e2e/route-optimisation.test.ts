import { DateTime } from 'luxon';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, expectAccessible, keepFailure, launchBrowser, newPerson, type Person, screenshotBothSizes } from './support/browser.js';
import { PASSWORD, startE2eApp, TIME_ZONE, type E2eApp } from './support/e2e-app.js';

/**
 * "Optimise day" (decision 009, docs/route-optimisation.md): tomorrow's two technicians were booked
 * crossed — Alex, who lives in the west, has the eastern customers and Sam the western ones. Dana
 * runs the optimiser, sees both days before and after, applies it, and the visits swap.
 */

/** The next working day (Monday to Friday) at least one day ahead, in the company's zone. */
function nextWorkingDay(): string {
  let day = DateTime.now().setZone(TIME_ZONE).startOf('day').plus({ days: 1 });
  while (day.weekday > 5) day = day.plus({ days: 1 });
  return day.toISODate()!;
}
const at = (date: string, hour: number) => DateTime.fromISO(`${date}T${String(hour).padStart(2, '0')}:00`, { zone: TIME_ZONE }).toUTC().toISO()!;

const WEST = { lat: 41.88, lng: -87.8 };
const EAST = { lat: 41.88, lng: -87.62 };

describe('the console’s "Optimise day"', () => {
  let app: E2eApp;
  let browser: Browser;
  let dispatcher: Person;
  const date = nextWorkingDay();
  const visits: { appointmentId: string; customer: string }[] = [];
  let alexId = '';
  let samId = '';

  beforeAll(async () => {
    app = await startE2eApp();
    browser = await launchBrowser();
    const { services } = app.t.app;
    const inject = async (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, cookie?: string) => {
      const answer = await app.t.app.inject({ method, url, ...(payload ? { payload } : {}), headers: cookie ? { cookie } : {} });
      expect(answer.statusCode, `${method} ${url}: ${answer.body}`).toBeLessThan(300);
      return answer.json();
    };
    const signIn = await app.t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: 'owner@prairie.test', password: PASSWORD } });
    const cookie = `arrivo_session=${signIn.cookies.find((c) => c.name === 'arrivo_session')!.value}`;
    const technicians = (await inject('GET', '/api/technicians', undefined, cookie)).items as { id: string; name: string }[];
    alexId = technicians.find((x) => x.name === app.technician.name)!.id;
    samId = (await services.accounts.createUser(app.company.id, { email: 'sam@prairie.test', name: 'Sam Wrench', role: 'technician', password: PASSWORD })).id;
    await inject('PATCH', `/api/technicians/${alexId}/profile`, { homeBase: { address: 'West side', lat: WEST.lat + 0.01, lng: WEST.lng } }, cookie);
    await inject('PATCH', `/api/technicians/${samId}/profile`, { homeBase: { address: 'East side', lat: EAST.lat + 0.01, lng: EAST.lng } }, cookie);
    const category = await services.categories.create(app.company.id, { name: 'Furnace tune-up', defaultDurationMinutes: 60 });

    const book = async (name: string, point: { lat: number; lng: number }, technicianId: string, hour: number) => {
      const household = await services.customers.create(app.company.id, {
        kind: 'household',
        name: `${name} household`,
        contacts: [{ name, email: `${name.toLowerCase().replace(/\W+/g, '.')}@example.test` }],
        locations: [{ line1: `${100 + visits.length} ${name} Street`, city: 'Chicago', postalCode: '60607', country: 'US', lat: point.lat, lng: point.lng }],
      });
      const job = await inject('POST', '/api/jobs', { customerId: household.id, locationId: household.locations[0]!.id, categoryId: category.id, priority: 'normal', description: 'Yearly furnace tune-up' }, cookie);
      const scheduled = await inject('POST', `/api/jobs/${job.id}/schedule`, { technicianId, windowStart: at(date, hour), windowEnd: at(date, hour + 2), allowOverlap: true }, cookie);
      visits.push({ appointmentId: scheduled.visits[0].id, customer: `${name} household` });
    };
    // Crossed: the west-side customers with Sam (east), the east-side ones with Alex (west). All in
    // the 8–10 window: one technician cannot reach all four in time, so both are needed.
    await book('Walsh', { lat: WEST.lat, lng: WEST.lng }, samId, 8);
    await book('Wong', { lat: WEST.lat + 0.01, lng: WEST.lng + 0.01 }, samId, 8);
    await book('Eder', { lat: EAST.lat, lng: EAST.lng }, alexId, 8);
    await book('Evans', { lat: EAST.lat - 0.01, lng: EAST.lng + 0.01 }, alexId, 8);
    dispatcher = await newPerson(browser, DESKTOP, TIME_ZONE);
  });

  afterEach((context) => keepFailure(context, 'route-optimisation', { dispatcher }));

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('the dispatcher runs Optimise day, compares before and after, and applies it', async () => {
    const page = dispatcher.page;
    await page.goto(`${app.url}/sign-in`);
    await page.getByLabel('Email').fill(app.dispatcher.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Jobs' }).waitFor();

    await page.getByRole('link', { name: 'Optimise day' }).click();
    await page.getByRole('heading', { level: 1, name: 'Optimise day' }).waitFor();
    await page.getByLabel('Day', { exact: true }).fill(date);
    await page.getByRole('button', { name: 'Optimise', exact: true }).click();

    const changes = page.getByRole('region', { name: 'Customers who will be told' });
    await changes.waitFor();
    // Every visit changes technician: the four customers are listed.
    for (const visit of visits) await expect.poll(() => changes.getByRole('cell', { name: visit.customer }).count()).toBe(1);
    await expect.poll(() => changes.getByText('Sam Wrench → Alex Fixer').count()).toBe(2);
    // Before and after, per technician, with the saving.
    const alex = page.getByRole('region', { name: 'Alex Fixer' });
    await expect.poll(() => alex.getByText('Walsh household').count()).toBe(1);
    await expect.poll(() => alex.getByText('Eder household').count()).toBe(1);
    await page.getByText('Driving saved').waitFor();
    await expectAccessible(page, 'optimise day');
    await screenshotBothSizes(page, 'console-optimise-day-preview');

    await changes.getByRole('button', { name: 'Apply plan' }).click();
    const dialog = page.getByRole('dialog', { name: 'Apply this plan?' });
    await dialog.getByText('4 visits change technician or window').waitFor();
    await dialog.getByRole('button', { name: 'Apply and notify' }).click();
    await page.getByText('The plan is applied: 4 visits changed and their customers were notified.').waitFor();
    await screenshotBothSizes(page, 'console-optimise-day-applied');

    const rows = await app.t.db.selectFrom('appointments').select(['id', 'technician_id']).where('id', 'in', visits.map((v) => v.appointmentId)).execute();
    const technicianOf = (index: number) => rows.find((r) => r.id === visits[index]!.appointmentId)!.technician_id;
    expect([technicianOf(0), technicianOf(1), technicianOf(2), technicianOf(3)]).toEqual([alexId, alexId, samId, samId]);
    expect(dispatcher.errors).toEqual([]);
  });
});
