import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../helpers/http.js';
import { expectAccessible, keepFailure, launchBrowser, newPerson, type Person, PHONE, screenshotBothSizes } from './support/browser.js';
import { heading } from './support/pages.js';
import { startE2eApp, TIME_ZONE, type E2eApp } from './support/e2e-app.js';

/**
 * Self-scheduling from the customer's phone (decision 010): Ana books an arrival window with her
 * request, sees it on her job page, moves it and cancels it; a window another customer takes while
 * she is choosing answers "This window was just taken" with the windows still free, and keeps what
 * she typed; a job filed without a time is booked from its page. The technicians keep the default
 * week (Monday to Friday, 08:00–17:00 Chicago), so there are windows whatever day the test runs.
 * Signing in by e-mail is job-story's subject: here the customers get their session directly.
 */

/** Fills in everything but the window: the only service, a description, normal priority, the home address. */
async function fillRequest(page: Page, description: string) {
  await page.getByRole('radio', { name: /General service/ }).check();
  await page.getByLabel('Description').fill(description);
  await page.getByRole('checkbox', { name: /I understand that for .* priority/ }).check();
  await page.getByRole('radio', { name: /Home/ }).check();
}

/**
 * The picker's day strip and the chosen day's windows. The day taken is the second one with
 * windows: never today, whose windows may already be inside the 2-hour cut-off for changes.
 */
async function pickDay(picker: Locator) {
  const days = picker.getByRole('radiogroup', { name: 'Day' });
  await days.waitFor();
  await days.getByRole('radio', { disabled: false }).nth(1).check();
  const windows = picker.getByRole('radiogroup', { name: /^Arrival windows on / });
  await windows.getByRole('radio').first().waitFor();
  return windows;
}

describe('self-scheduling in the portal: book with the request, move, cancel, and a window taken meanwhile', () => {
  let app: E2eApp;
  let browser: Browser;
  let ana: Person;
  let categoryId = '';

  const signIn = async (person: Person, contactId: string) => {
    const session = await app.t.app.services.accounts.createSession(app.company.id, 'contact', contactId);
    await person.context.addCookies([{ name: 'arrivo_session', value: session.token, url: app.url }]);
    return `arrivo_session=${session.token}`;
  };

  beforeAll(async () => {
    app = await startE2eApp();
    browser = await launchBrowser();
    ana = await newPerson(browser, PHONE, TIME_ZONE);
    const household = await app.t.app.services.customers.detail(app.company.id, app.customer.customerId);
    await signIn(ana, household.contacts[0]!.id);
    categoryId = (await app.t.app.services.categories.list(app.company.id))[0]!.id;
  });

  afterEach((context) => keepFailure(context, 'self-scheduling', { ana }));

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('the customer chooses an arrival window in the request form, with taps and with the keyboard, and the visit is booked', async () => {
    const page = ana.page;
    await page.goto(`${app.url}/portal/requests/new`);
    await heading(page, 'Request service');
    await fillRequest(page, 'The air conditioning blows warm air since yesterday.');

    const picker = page.getByRole('group', { name: 'Arrival window' });
    const windows = await pickDay(picker);
    // A radio group: arrow keys move the choice from one window to the next.
    await windows.getByRole('radio').first().check();
    await windows.getByRole('radio').first().press('ArrowRight');
    const chosen = windows.getByRole('radio').nth(1);
    expect(await chosen.isChecked()).toBe(true);
    expect(await windows.getByRole('radio').first().isChecked()).toBe(false);
    const chosenTime = (await chosen.evaluate((input) => input.parentElement!.textContent))!.trim();
    expect(chosenTime).toMatch(/^\d{1,2}:\d{2}\s?(AM|PM)?\s?–\s?\d{1,2}:\d{2}\s?(AM|PM)$/);
    await picker.getByText(/^Your choice: /).waitFor();
    await expectAccessible(page, 'request form: window picker');
    await picker.scrollIntoViewIfNeeded();
    await screenshotBothSizes(page, '30-portal-request-window-picker');

    await page.getByRole('button', { name: 'Send request' }).click();
    await heading(page, 'Your visit is booked');
    await page.locator('.service-requests__booked').getByText(chosenTime).waitFor();
    await expectAccessible(page, 'request booked');
    await screenshotBothSizes(page, '31-portal-request-booked');

    await page.getByRole('link', { name: 'Follow your request' }).click();
    await heading(page, /^Scheduled for /);
    await page.getByText(/^You can change or cancel this visit until /).waitFor();
    await page.getByRole('button', { name: 'Change time' }).waitFor();
    await page.getByRole('button', { name: 'Cancel visit' }).waitFor();
    await expectAccessible(page, 'job page: booked, with its actions');
    await screenshotBothSizes(page, '32-portal-job-booked-actions');
  });

  it('moves the visit to another window from the job page', async () => {
    const page = ana.page;
    const before = await page.locator('.job-status__window').textContent();
    await page.getByRole('button', { name: 'Change time' }).click();
    await page.getByRole('heading', { name: 'Choose a new time' }).waitFor();
    const picker = page.getByRole('group', { name: 'Arrival window' });
    // Later dates stop at the booking horizon (30 days ahead), where the picker says until when.
    const later = picker.getByRole('button', { name: /Show later dates/ });
    await later.click();
    await later.click();
    await picker.getByText(/^Bookings are open until /).waitFor();
    expect(await later.count()).toBe(0);
    await screenshotBothSizes(page, '33-portal-job-picker-horizon');
    await picker.getByRole('button', { name: /Earlier dates/ }).click();
    await picker.getByRole('button', { name: /Earlier dates/ }).click();
    await later.waitFor();
    const windows = await pickDay(picker);
    await windows.getByRole('radio').last().check();
    await expectAccessible(page, 'job page: choosing a new time');
    await screenshotBothSizes(page, '33-portal-job-change-time');

    await page.getByRole('button', { name: 'Move my visit' }).click();
    await page.getByRole('status').filter({ hasText: /^Your visit was moved to / }).waitFor();
    await page.getByRole('button', { name: 'Change time' }).waitFor();
    expect(await page.locator('.job-status__window').textContent()).not.toBe(before);
  });

  it('cancels the visit after confirming, with a reason', async () => {
    const page = ana.page;
    await page.getByRole('button', { name: 'Cancel visit' }).click();
    const dialog = page.getByRole('dialog', { name: 'Cancel this visit?' });
    await dialog.getByLabel('Reason (optional)').fill('We fixed it ourselves, thank you.');
    await expectAccessible(page, 'cancel dialog');
    await screenshotBothSizes(page, '34-portal-job-cancel-dialog');
    await dialog.getByRole('button', { name: 'Yes, cancel the visit' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await heading(page, 'Cancelled');
    await page.getByRole('status').filter({ hasText: 'Your visit was cancelled.' }).waitFor();
    await page.getByText('Reason: We fixed it ourselves, thank you.').first().waitFor();
    expect(await page.getByRole('button', { name: 'Change time' }).count()).toBe(0);
    await expectAccessible(page, 'job page: cancelled');
    await screenshotBothSizes(page, '35-portal-job-cancelled');
  });

  it('a window another customer books meanwhile answers "just taken" with the windows still free, keeping what she typed', async () => {
    const page = ana.page;
    await page.goto(`${app.url}/portal/requests/new`);
    await heading(page, 'Request service');
    const description = 'The boiler pressure drops every night.';
    await fillRequest(page, description);
    const windows = await pickDay(page.getByRole('group', { name: 'Arrival window' }));
    const wanted = windows.getByRole('radio').first();
    await wanted.check();
    const windowStart = (await wanted.getAttribute('value'))!;

    // Ben, next door, books that window through the API until the technicians have no room left in it.
    const ben = await app.t.app.services.customers.create(app.company.id, {
      kind: 'household',
      name: 'Okafor household',
      contacts: [{ name: 'Ben Okafor', email: 'ben.okafor@example.test' }],
      locations: [{ label: 'Home', line1: '1210 W Fulton Market', city: 'Chicago', region: 'IL', postalCode: '60607', country: 'US', lat: 41.8869, lng: -87.659 }],
    });
    const session = await app.t.app.services.accounts.createSession(app.company.id, 'contact', ben.contacts[0]!.id);
    let status = 0;
    for (let attempt = 0; attempt < 12 && status !== 409; attempt++) {
      const answer = await call(app.t.app, 'POST', '/api/portal/requests', {
        cookie: `arrivo_session=${session.token}`,
        body: { categoryId, description: 'Annual maintenance', priority: 'normal', slaAcknowledged: true, location: { locationId: ben.locations[0]!.id }, booking: { windowStart } },
      });
      status = answer.status;
      expect([201, 409]).toContain(status);
    }
    expect(status).toBe(409);

    await page.getByRole('button', { name: 'Send request' }).click();
    const taken = page.getByRole('region', { name: 'This window was just taken.' });
    await taken.getByRole('alert').waitFor();
    const alternatives = taken.getByRole('radiogroup', { name: 'This window was just taken.' }).getByRole('radio');
    expect(await alternatives.count()).toBeGreaterThan(0);
    // Nothing else was lost.
    expect(await page.getByLabel('Description').inputValue()).toBe(description);
    expect(await page.getByRole('radio', { name: /Home/ }).isChecked()).toBe(true);
    await expectAccessible(page, 'request form: window just taken');
    await screenshotBothSizes(page, '36-portal-request-slot-taken');

    await alternatives.first().check();
    await page.getByRole('button', { name: 'Send request' }).click();
    await heading(page, 'Your visit is booked');
  });

  it('a job filed without a time is booked from its page', async () => {
    const page = ana.page;
    await page.goto(`${app.url}/portal/requests/new`);
    await heading(page, 'Request service');
    await fillRequest(page, 'Please service the furnace before winter.');
    await page.getByRole('radiogroup', { name: 'Day' }).waitFor();
    await page.getByText('No time suits you? Send the request without choosing one').waitFor();
    await page.getByRole('button', { name: 'Send request' }).click();
    await heading(page, 'Request sent');
    await page.getByRole('link', { name: 'Follow your request' }).click();
    await heading(page, 'Request received');

    await page.getByRole('button', { name: 'Book a visit' }).click();
    await page.getByRole('heading', { name: 'Choose a time for your visit' }).waitFor();
    const windows = await pickDay(page.getByRole('group', { name: 'Arrival window' }));
    // Confirming without a choice says what is missing, next to the windows.
    await page.getByRole('button', { name: 'Book this time' }).click();
    await page.getByText('Choose a time first.').waitFor();
    await windows.getByRole('radio').first().check();
    await expectAccessible(page, 'job page: booking a visit');
    await screenshotBothSizes(page, '37-portal-job-book-visit');
    await page.getByRole('button', { name: 'Book this time' }).click();
    await page.getByRole('status').filter({ hasText: /^Your visit is booked for / }).waitFor();
    await heading(page, /^Scheduled for /);
    await page.getByRole('button', { name: 'Change time' }).waitFor();

    expect(ana.errors).toEqual([]);
  });

  it('someone who opens the job link from a message, without signing in, moves the visit too', async () => {
    const jobId = new URL(ana.page.url()).pathname.split('/').pop()!;
    const household = await app.t.app.services.customers.detail(app.company.id, app.customer.customerId);
    const link = await app.t.app.services.accounts.createJobLink(app.company.id, jobId, household.contacts[0]!.id);
    const guest = await newPerson(browser, PHONE, TIME_ZONE);
    try {
      const page = guest.page;
      await page.goto(link.url);
      await heading(page, /^Scheduled for /);
      const before = await page.locator('.job-status__window').textContent();
      await page.getByRole('button', { name: 'Change time' }).click();
      const windows = await pickDay(page.getByRole('group', { name: 'Arrival window' }));
      await windows.getByRole('radio').last().check();
      await page.getByRole('button', { name: 'Move my visit' }).click();
      await page.getByRole('status').filter({ hasText: /^Your visit was moved to / }).waitFor();
      expect(await page.locator('.job-status__window').textContent()).not.toBe(before);
      expect(guest.errors).toEqual([]);
    } finally {
      await guest.context.close();
    }
  });
});
