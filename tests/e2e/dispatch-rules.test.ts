import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, expectAccessible, keepFailure, launchBrowser, newPerson, type Person, PHONE, screenshotBothSizes } from './support/browser.js';
import { heading, signInStaff, toast } from './support/pages.js';
import { PASSWORD, startE2eApp, TIME_ZONE, type E2eApp } from './support/e2e-app.js';

/**
 * Dispatch rules in the console: the admin puts load balance first and switches on auto-assignment
 * of new requests, then draws a territory's zone on the map; Dana auto-assigns a job, reads why the
 * technician was chosen, and gives the visit to the other technician instead (an override). Once
 * the booking policy lets customers choose, Ana picks Sam when she books from her phone.
 */

describe('dispatch rules in the console', () => {
  let app: E2eApp;
  let browser: Browser;
  let admin: Person;
  let dispatcher: Person;
  let adminCookie: string;
  let job: { id: string; reference: string };
  const other = 'Sam Wrench';
  const inject = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: object, cookie = adminCookie) =>
    app.t.app.inject({ method, url, ...(payload ? { payload } : {}), headers: cookie ? { cookie } : {} });

  beforeAll(async () => {
    app = await startE2eApp();
    browser = await launchBrowser();
    const signIn = await inject('POST', '/api/auth/sign-in', { email: 'owner@prairie.test', password: PASSWORD }, '');
    adminCookie = `arrivo_session=${signIn.cookies.find((c) => c.name === 'arrivo_session')!.value}`;
    await app.t.app.services.accounts.createUser(app.company.id, { email: 'sam@prairie.test', name: other, role: 'technician', password: PASSWORD });
    const technicians = (await inject('GET', '/api/technicians')).json().items as { id: string; name: string }[];
    // Both work every day 08:00–18:00, so the test does not depend on the weekday it runs on; Alex lives by the customer.
    for (const technician of technicians) {
      const profile = await inject('PATCH', `/api/technicians/${technician.id}/profile`, {
        skills: ['gas-safe'],
        ...(technician.name === app.technician.name ? { homeBase: { address: 'Fulton Market, Chicago', lat: 41.8868, lng: -87.6586 } } : {}),
      });
      expect(profile.statusCode).toBe(200);
      const hours = await inject('PUT', `/api/technicians/${technician.id}/working-hours`, { hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '08:00', end: '18:00' })) });
      expect(hours.statusCode).toBe(200);
    }
    const category = await inject('POST', '/api/service-categories', {
      name: 'Gas boiler repair',
      description: 'Boilers and gas lines.',
      defaultDurationMinutes: 90,
      requiredSkills: ['gas-safe'],
      slaMinutes: { emergency: 240, high: 1440, normal: 4320, low: 10080 },
      active: true,
    });
    expect(category.statusCode).toBe(201);
    const customer = (await inject('GET', `/api/customers/${app.customer.customerId}`)).json();
    const created = await inject('POST', '/api/jobs', { customerId: app.customer.customerId, locationId: customer.locations[0].id, categoryId: category.json().id, priority: 'normal', description: 'The boiler shows an F28 error.' });
    expect(created.statusCode).toBe(201);
    job = { id: created.json().id, reference: created.json().reference };
    admin = await newPerson(browser, DESKTOP, TIME_ZONE);
    dispatcher = await newPerson(browser, DESKTOP, TIME_ZONE);
  });

  afterEach((context) => keepFailure(context, 'dispatch', { admin, dispatcher }));

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('an admin reorders the rules and switches on auto-assignment of new requests', async () => {
    const page = admin.page;
    await signInStaff(page, app.url, 'owner@prairie.test');
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Dispatch rules' }).click();
    await heading(page, 'Dispatch rules');
    await page.getByText('These are the default rules; nobody has changed them yet.').waitFor();
    const list = page.getByRole('listitem');
    await expect.poll(() => list.locator('h3').allTextContents()).toEqual([
      expect.stringContaining('Required skills'),
      expect.stringContaining('Territory'),
      expect.stringContaining('Priority and SLA'),
      expect.stringContaining('Preferred technician'),
      expect.stringContaining('Load balance'),
      expect.stringContaining('Shortest drive'),
    ]);

    // Load balance up two places, to right after the filters, and counted by booked minutes.
    await page.getByRole('button', { name: 'Move “Load balance” up' }).click();
    await page.getByRole('button', { name: 'Move “Load balance” up' }).click();
    const loadBalance = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /Load balance/ }) });
    await loadBalance.getByLabel('Count the load as').selectOption('minutes');
    await loadBalance.getByLabel('Weight').selectOption('8');
    await page.getByLabel('Assign new requests automatically').check();
    await page.getByRole('button', { name: 'Save dispatch rules' }).click();
    await toast(page, 'The dispatch rules are saved.');
    await page.waitForLoadState('networkidle');
    await expectAccessible(page, 'dispatch rules');
    await screenshotBothSizes(page, 'dispatch-01-rules');

    // Saved for real.
    await page.reload();
    await heading(page, 'Dispatch rules');
    await page.getByText(/Last saved .* by Olivia Owner\./).waitFor();
    expect((await page.getByRole('listitem').locator('h3').allTextContents())[2]).toContain('Load balance');
    expect(await page.getByLabel('Assign new requests automatically').isChecked()).toBe(true);
    const saved = (await inject('GET', '/api/dispatch/rules')).json();
    expect(saved.rules[2]).toMatchObject({ key: 'load_balance', measure: 'minutes', weight: 8 });
    expect(admin.errors).toEqual([]);
  });

  it('the admin draws a territory’s zone on the map and saves it', async () => {
    const page = admin.page;
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Booking and territories' }).click();
    await heading(page, 'Booking and territories');
    const territories = page.getByRole('region', { name: 'Territories' });
    await territories.getByRole('button', { name: 'Add a territory' }).click();
    await territories.getByLabel('Name').fill('Fulton Market');
    await territories.getByRole('button', { name: 'Draw zone on the map: Fulton Market' }).click();
    await territories.getByText('Click on the map to place the corners of the zone of Fulton Market').waitFor();

    // Four corners around the middle of the map (Alex's home base, by the customer), then the first again to close.
    const map = page.getByTestId('territory-map');
    await map.waitFor();
    await map.locator('.leaflet-marker-icon, .leaflet-interactive').first().waitFor();
    const box = (await map.boundingBox())!;
    const at = (dx: number, dy: number) => ({ x: box.x + box.width / 2 + dx, y: box.y + box.height / 2 + dy });
    const corners = [at(-120, -90), at(120, -90), at(120, 90), at(-120, 90)];
    for (const corner of corners) {
      await page.mouse.click(corner.x, corner.y);
      await page.waitForTimeout(100);
    }
    await page.mouse.click(corners[0]!.x, corners[0]!.y);
    await territories.getByText('Drawn zone (4 points)').waitFor();
    await territories.getByText('Drag a corner of the zone of Fulton Market').waitFor();
    await territories.getByRole('button', { name: 'Done' }).click();
    await territories.getByRole('button', { name: 'Save territories' }).click();
    await toast(page, 'The territories are saved.');
    await page.waitForLoadState('networkidle');
    await expectAccessible(page, 'territories with a drawn zone');
    await screenshotBothSizes(page, 'dispatch-02-territory-map');

    const saved = (await inject('GET', '/api/territories')).json().items as { name: string; postalCodes: string[]; polygon: [number, number][] }[];
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ name: 'Fulton Market', postalCodes: [] });
    expect(saved[0]!.polygon).toHaveLength(4);
    // The zone is drawn around the customer's address (41.8868, -87.6586).
    const lats = saved[0]!.polygon.map(([lat]) => lat);
    const lngs = saved[0]!.polygon.map(([, lng]) => lng);
    expect(Math.min(...lats)).toBeLessThan(41.8868);
    expect(Math.max(...lats)).toBeGreaterThan(41.8868);
    expect(Math.min(...lngs)).toBeLessThan(-87.6586);
    expect(Math.max(...lngs)).toBeGreaterThan(-87.6586);

    // A fresh page shows the saved zone, and it can be removed again.
    await page.reload();
    await heading(page, 'Booking and territories');
    await territories.getByText('Drawn zone (4 points)').waitFor();
    await expect.poll(() => page.locator('.booking-settings__map path.booking-settings__zone').count()).toBe(1);
    expect(admin.errors).toEqual([]);
  });

  it('a dispatcher auto-assigns a job, reads why, and gives it to someone else', async () => {
    const page = dispatcher.page;
    await signInStaff(page, app.url, app.dispatcher.email);
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Dispatch rules' }).waitFor();
    await page.goto(`${app.url}/console/jobs/${job.id}`);
    await heading(page, job.reference);
    const card = page.getByRole('region', { name: 'Assignment' });
    await card.getByText('Not assigned yet.').waitFor();
    await card.getByText(/The first window a technician who meets the dispatch rules can take is/).waitFor();
    await card.getByRole('button', { name: 'Auto-assign' }).click();
    await toast(page, 'Booked automatically with');
    const how = card.getByText(/^Assigned automatically: Has the gas-safe skill · serves every area · /);
    await how.waitFor();
    const assignedTo = (await page.locator('.job-detail__visits').textContent()) ?? '';
    const first = assignedTo.includes(other) ? other : app.technician.name;
    const second = first === other ? app.technician.name : other;
    await page.waitForLoadState('networkidle');
    await expectAccessible(page, 'job with an automatic assignment');
    await screenshotBothSizes(page, 'dispatch-03-job-reason');

    await card.getByRole('button', { name: `Assign ${second}` }).click();
    await toast(page, `${second} now has the visit.`);
    await card.getByText('Assigned by Dana Dispatcher.').waitFor();
    await page.getByText(`Dana Dispatcher overrode the automatic assignment: ${second} instead`).waitFor();
    await page.getByText(/The rules had chosen: Has the gas-safe skill/).waitFor();
    await page.waitForLoadState('networkidle');
    await screenshotBothSizes(page, 'dispatch-04-override');

    // The reassign dialog says whom the rules would send, and takes them in one click.
    await page.getByRole('button', { name: 'Reassign' }).click();
    const dialog = page.getByRole('dialog', { name: /technician/i });
    await dialog.getByText(/^(The dispatch rules suggest .+|.+ is the dispatch rules’ choice): Has the gas-safe skill/).waitFor();
    await expectAccessible(page, 'reassign dialog with the rules’ suggestion');
    await screenshotBothSizes(page, 'dispatch-05-reassign-dialog-rules');
    await dialog.getByRole('button', { name: 'Close' }).click();

    const suggestions = (await inject('GET', `/api/jobs/${job.id}/assignment-suggestions`)).json();
    expect(suggestions.current).toMatchObject({ technician: { name: second }, method: 'manual', assignedBy: { name: 'Dana Dispatcher' } });
    expect(dispatcher.errors).toEqual([]);
  });

  it('when the policy allows, a customer chooses who comes; "Any technician" is the default', async () => {
    expect((await inject('PATCH', '/api/booking-policy', { customersMayChooseTechnician: true })).statusCode).toBe(200);
    const ana = await newPerson(browser, PHONE, TIME_ZONE);
    const household = await app.t.app.services.customers.detail(app.company.id, app.customer.customerId);
    const session = await app.t.app.services.accounts.createSession(app.company.id, 'contact', household.contacts[0]!.id);
    await ana.context.addCookies([{ name: 'arrivo_session', value: session.token, url: app.url }]);
    const page = ana.page;
    await page.goto(`${app.url}/portal/requests/new`);
    await heading(page, 'Request service');
    await page.getByRole('radio', { name: /Gas boiler repair/ }).check();
    await page.getByLabel('Description').fill('The boiler pressure drops every night.');
    await page.getByRole('checkbox', { name: /I understand that for .* priority/ }).check();
    await page.getByRole('radio', { name: /Home/ }).check();
    const picker = page.getByRole('group', { name: 'Arrival window' });
    const days = picker.getByRole('radiogroup', { name: 'Day' });
    await days.getByRole('radio', { disabled: false }).nth(1).check();
    const windows = picker.getByRole('radiogroup', { name: /^Arrival windows on / });
    await windows.getByRole('radio').first().check();

    const who = page.getByRole('group', { name: 'Who should come?' });
    await who.waitFor();
    expect(await who.getByRole('radio', { name: /Any technician/ }).isChecked()).toBe(true);
    await who.getByRole('radio', { name: other }).check();
    await expectAccessible(page, 'request form: choosing a technician');
    await who.scrollIntoViewIfNeeded();
    await screenshotBothSizes(page, 'dispatch-06-portal-choose-technician');

    await page.getByRole('button', { name: 'Send request' }).click();
    await heading(page, 'Your visit is booked');
    const jobs = (await inject('GET', `/api/jobs?customerId=${app.customer.customerId}`)).json().items as { id: string; description: string; appointment: { technician: { name: string } | null } | null }[];
    const booked = jobs.find((j) => j.description === 'The boiler pressure drops every night.')!;
    expect(booked.appointment?.technician?.name).toBe(other);
    expect((await inject('GET', `/api/jobs/${booked.id}/assignment-suggestions`)).json().current).toMatchObject({ method: 'customer', technician: { name: other } });

    // Moving the visit from the job page offers the same choice.
    await page.goto(`${app.url}/portal/jobs/${booked.id}`);
    await page.getByRole('button', { name: 'Change time' }).click();
    const moveDays = page.getByRole('group', { name: 'Arrival window' }).getByRole('radiogroup', { name: 'Day' });
    await moveDays.getByRole('radio', { disabled: false }).nth(2).check();
    await page.getByRole('group', { name: 'Arrival window' }).getByRole('radiogroup', { name: /^Arrival windows on / }).getByRole('radio').first().check();
    const whoNow = page.getByRole('group', { name: 'Who should come?' });
    // Someone other than the technician she chose first, so the move really follows her choice.
    const names = (await whoNow.locator('label').allTextContents()).map((text) => text.trim()).filter((name) => !name.startsWith('Any technician') && name !== other);
    const pickedName = names[0]!;
    await whoNow.getByRole('radio', { name: pickedName, exact: true }).check();
    await page.getByRole('button', { name: 'Move my visit' }).click();
    await page.getByRole('status').filter({ hasText: /^Your visit was moved to / }).waitFor();
    const moved = (await inject('GET', `/api/jobs/${booked.id}`)).json() as { appointment: { technician: { name: string } | null } | null };
    expect(moved.appointment?.technician?.name).toBe(pickedName);
    expect(ana.errors).toEqual([]);
  });
});
