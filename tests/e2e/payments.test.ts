import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, expectAccessible, keepFailure, launchBrowser, newPerson, type Person, PHONE, screenshotBothSizes } from './support/browser.js';
import { PASSWORD, startE2eApp, TIME_ZONE, type E2eApp } from './support/e2e-app.js';

/**
 * Paying an invoice from the phone (docs/payments.md): Ana opens her job from the link in a
 * notification, opens the invoice, pays with the offline provider's test card and sees her
 * receipt; the dispatcher's Billing page, open all along, shows the invoice paid without a reload.
 */
describe('paying an invoice in the portal, seen live in the console', () => {
  let app: E2eApp;
  let browser: Browser;
  let ana: Person;
  let dana: Person;
  let invoice = { id: '', number: '', jobId: '' };
  let jobLinkUrl = '';

  beforeAll(async () => {
    app = await startE2eApp();
    browser = await launchBrowser();
    const inject = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, cookie?: string) =>
      app.t.app.inject({ method, url, ...(payload ? { payload } : {}), headers: cookie ? { cookie } : {} });
    const signIn = await inject('POST', '/api/auth/sign-in', { email: 'owner@prairie.test', password: PASSWORD });
    const cookie = `arrivo_session=${signIn.cookies.find((c) => c.name === 'arrivo_session')!.value}`;
    expect((await inject('PATCH', '/api/billing/settings', { paymentsEnabled: true, paymentProvider: 'offline' }, cookie)).statusCode).toBe(200);
    const customer = (await inject('GET', `/api/customers/${app.customer.customerId}`, undefined, cookie)).json();
    const category = (await app.t.app.services.categories.list(app.company.id))[0]!;
    const job = await inject('POST', '/api/jobs', { customerId: app.customer.customerId, locationId: customer.locations[0].id, categoryId: category.id, priority: 'normal', description: 'The furnace short-cycles.' }, cookie);
    expect(job.statusCode).toBe(201);
    const created = await inject(
      'POST',
      '/api/billing/documents',
      {
        jobId: job.json().id,
        kind: 'invoice',
        shared: true,
        title: 'Furnace repair',
        lines: [
          { kind: 'labour', description: 'Diagnosis and repair', quantity: 1.5, unitPriceMinor: 9_000, taxRateBp: 0 },
          { kind: 'part', description: 'Flame sensor', quantity: 1, unitPriceMinor: 11_500, taxRateBp: 0 },
        ],
      },
      cookie,
    );
    expect(created.statusCode).toBe(201);
    invoice = { id: created.json().id, number: created.json().number, jobId: job.json().id };
    const link = await app.t.app.services.accounts.createJobLink(app.company.id, invoice.jobId, customer.contacts[0].id);
    jobLinkUrl = link.url;

    ana = await newPerson(browser, PHONE, TIME_ZONE);
    dana = await newPerson(browser, DESKTOP, TIME_ZONE);
    const danaUser = await app.t.db.selectFrom('users').select('id').where('email', '=', app.dispatcher.email).executeTakeFirstOrThrow();
    const session = await app.t.app.services.accounts.createSession(app.company.id, 'user', danaUser.id);
    await dana.context.addCookies([{ name: 'arrivo_session', value: session.token, url: app.url }]);
  });

  afterEach((context) => keepFailure(context, 'payments', { ana, dana }));

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('the customer pays with the test card from the job link, sees the receipt, and the console shows the invoice paid live', async () => {
    // The dispatcher keeps the Billing page open on every invoice.
    const console = dana.page;
    await console.goto(`${app.url}/console/billing`);
    await console.getByRole('heading', { level: 1, name: 'Billing' }).waitFor();
    await console.getByRole('button', { name: 'All' }).click();
    const row = console.locator(`tr[data-invoice="${invoice.number}"]`);
    await row.getByText('Open').waitFor();
    await expect(row.textContent()).resolves.toContain('$250.00');
    await expectAccessible(console, 'console billing');
    await screenshotBothSizes(console, 'payments-console-before');

    // Ana opens her job from the notification's link, then the invoice's pay page.
    const page = ana.page;
    await page.goto(jobLinkUrl);
    await page.waitForURL(`${app.url}/portal/jobs/${invoice.jobId}`);
    await page.goto(`${app.url}/portal/jobs/${invoice.jobId}/documents/${invoice.id}`);
    const payLink = page.getByRole('link', { name: /^Pay/ });
    if (await payLink.first().isVisible().catch(() => false)) await payLink.first().click();
    else await page.goto(`${app.url}/portal/jobs/${invoice.jobId}/documents/${invoice.id}/pay`);
    await page.getByRole('heading', { level: 1, name: `Pay invoice ${invoice.number}` }).waitFor();
    await page.getByText(/test card 4242 4242 4242 4242/).waitFor();
    await expectAccessible(page, 'pay page');
    await screenshotBothSizes(page, 'payments-pay-form');

    // A declined card first: the invoice stays open and the form says why.
    await page.getByLabel('Card number').fill('4000 0000 0000 0002');
    await page.getByLabel('Expiry (MM/YY)').fill('12/30');
    await page.getByLabel('Security code').fill('123');
    await page.getByRole('button', { name: 'Pay $250.00' }).click();
    await page.getByText('The payment did not go through: Your card was declined.').waitFor();

    await page.getByLabel('Card number').fill('4242 4242 4242 4242');
    await page.getByRole('button', { name: 'Pay $250.00' }).click();
    await page.getByRole('heading', { name: 'Payment received. Thank you!' }).waitFor();
    await page.getByText(/Receipt RCT-\d{5}: \$250\.00 paid on/).waitFor();
    const receipt = page.getByRole('link', { name: 'Download the receipt (PDF)' });
    const href = await receipt.getAttribute('href');
    const pdf = await page.request.get(`${app.url}${href}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    await expectAccessible(page, 'receipt');
    await screenshotBothSizes(page, 'payments-receipt');

    // The console's page, never reloaded, shows it paid.
    await row.getByText('Paid', { exact: true }).waitFor();
    await console.locator('tr[data-payment^="RCT-"]').first().waitFor();
    await screenshotBothSizes(console, 'payments-console-after');
    // Recording the rest of another invoice by hand and refunding part of the card payment, from the dialogs.
    await console.locator('tr[data-payment^="RCT-"]').first().getByRole('button', { name: 'Refund' }).click();
    const refund = console.getByRole('dialog', { name: /^Refund payment RCT-/ });
    await refund.getByLabel('Amount').fill('50.00');
    await refund.getByLabel('Reason').fill('Sensor was covered by the warranty');
    await expectAccessible(console, 'refund dialog');
    await refund.getByRole('button', { name: 'Refund' }).click();
    await console.getByText('Refund of $50.00 done.').waitFor();
    await row.getByText('Open', { exact: true }).waitFor();
    await expect(row.textContent()).resolves.toContain('$50.00');
    await row.getByRole('button', { name: 'Record payment' }).click();
    const record = console.getByRole('dialog', { name: `Record a payment for ${invoice.number}` });
    await record.getByLabel('Method').selectOption('check');
    await record.getByLabel('Reference (check number, transfer…)').fill('Check 1042');
    await record.getByRole('button', { name: 'Record payment' }).click();
    await row.getByText('Paid', { exact: true }).waitFor();
    await screenshotBothSizes(console, 'payments-console-refund-record');
    expect(ana.errors).toEqual([]);
    expect(dana.errors).toEqual([]);
  });

  it('the signed-in customer’s Billing page lists the paid invoice and the payment with its receipt', async () => {
    const contact = await app.t.db.selectFrom('contacts').select('id').where('email', '=', app.customer.email).executeTakeFirstOrThrow();
    const session = await app.t.app.services.accounts.createSession(app.company.id, 'contact', contact.id);
    await ana.context.addCookies([{ name: 'arrivo_session', value: session.token, url: app.url }]);
    const page = ana.page;
    await page.goto(`${app.url}/portal/billing`);
    await page.getByRole('heading', { level: 1, name: 'Billing' }).waitFor();
    await page.getByRole('navigation', { name: 'Your account' }).getByRole('link', { name: 'Billing' }).waitFor();
    await page.getByText('Nothing to pay right now.').waitFor();
    await page.getByRole('link', { name: /^Receipt RCT-/ }).first().waitFor();
    expect(await page.getByRole('link', { name: /^Receipt RCT-/ }).count()).toBe(2);
    await page.getByRole('link', { name: invoice.number }).waitFor();
    await expectAccessible(page, 'billing page');
    await screenshotBothSizes(page, 'payments-portal-billing');
    expect(ana.errors).toEqual([]);
  });
});
