import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, expectAccessible, keepFailure, launchBrowser, newPerson, type Person, PHONE, SCREENSHOT_DIR, screenshotBothSizes } from './support/browser.js';
import { PASSWORD, startE2eApp, TIME_ZONE, type E2eApp } from './support/e2e-app.js';

/**
 * Estimates in the browser (docs/billing.md): Dana writes an estimate with two options on the job
 * page and shares it; Ana opens the link from her e-mail on her phone, compares the options side
 * by side, picks one and signs; Dana's open editor turns "Approved" without a reload.
 */
describe('estimates: written in the console, approved in the portal', () => {
  let app: E2eApp;
  let browser: Browser;
  let dispatcher: Person;
  let customer: Person;
  let job: { id: string; reference: string };

  beforeAll(async () => {
    app = await startE2eApp();
    browser = await launchBrowser();
    const inject = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, cookie?: string) =>
      app.t.app.inject({ method, url, ...(payload ? { payload } : {}), headers: cookie ? { cookie } : {} });
    const signIn = await inject('POST', '/api/auth/sign-in', { email: 'owner@prairie.test', password: PASSWORD });
    const cookie = `arrivo_session=${signIn.cookies.find((c) => c.name === 'arrivo_session')!.value}`;
    // 8.25 % sales tax by default; an approval opens a new job.
    expect((await inject('PATCH', '/api/billing/settings', { defaultTaxRateBp: 825, approvedEstimateAction: 'new_job', pdfFooter: 'Prairie Heating & Air LLC · IL licence 104-0099', paymentsEnabled: true }, cookie)).statusCode).toBe(200);
    const customerRecord = (await inject('GET', `/api/customers/${app.customer.customerId}`, undefined, cookie)).json();
    const categories = (await inject('GET', '/api/service-categories', undefined, cookie)).json();
    const created = await inject('POST', '/api/jobs', { customerId: app.customer.customerId, locationId: customerRecord.locations[0].id, categoryId: categories.items[0].id, priority: 'normal', description: 'Dishwasher does not drain.' }, cookie);
    expect(created.statusCode).toBe(201);
    job = { id: created.json().id, reference: created.json().reference };
    dispatcher = await newPerson(browser, DESKTOP, TIME_ZONE);
    customer = await newPerson(browser, PHONE, TIME_ZONE);
  });

  afterEach((context) => keepFailure(context, 'billing', { dispatcher, customer }));

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const option = (page: Page, number: number) => page.getByRole('region', { name: new RegExp(`^Option ${number}`) });

  async function fillLine(region: ReturnType<Page['getByRole']>, line: number, values: { kind?: string; description: string; quantity?: string; price: string }) {
    if (values.kind) await region.getByLabel(`Type, line ${line}`).selectOption({ label: values.kind });
    await region.getByLabel(`Description, line ${line}`).fill(values.description);
    if (values.quantity) await region.getByLabel(`Qty, line ${line}`).fill(values.quantity);
    await region.getByLabel(`Unit price, line ${line}`).fill(values.price);
  }

  it('the dispatcher writes an estimate with two options and shares it', async () => {
    const page = dispatcher.page;
    await page.goto(`${app.url}/sign-in`);
    await page.getByLabel('Email').fill(app.dispatcher.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Console' }).waitFor();
    await page.goto(`${app.url}/console/jobs/${job.id}`);
    const panel = page.getByRole('region', { name: 'Estimates & invoices' });
    await panel.getByText('No estimates or invoices for this job yet.').waitFor();
    await panel.getByRole('button', { name: 'New estimate' }).click();
    await page.getByRole('heading', { level: 1, name: /^Estimate EST-\d{5}$/ }).waitFor();

    await page.getByLabel('Title').fill('Dishwasher');
    const lines = page.getByRole('region', { name: 'Lines' });
    await lines.getByRole('button', { name: 'Add a line' }).click();
    await fillLine(lines, 1, { kind: 'Part', description: 'Drain pump', price: '89.90' });
    await lines.getByRole('button', { name: 'Add a line' }).click();
    await fillLine(lines, 2, { kind: 'Labour', description: 'Labour', quantity: '1.5', price: '85' });
    // Live totals: 89.90 + 127.50 = 217.40; tax 8.25 % of 217.40 = 17.94 (17.9355) → 235.34
    await expect.poll(() => lines.getByTestId('document-total').textContent()).toBe('$235.34');
    // A typo is named next to its line, and the total waits for it.
    await lines.getByLabel('Qty, line 2').fill('1.2345');
    await page.getByRole('button', { name: 'Save' }).first().click();
    await lines.getByRole('alert').getByText('must be a number with at most 3 decimals').waitFor();
    await lines.getByLabel('Qty, line 2').fill('1.5');

    await page.getByRole('button', { name: 'Add an option' }).click();
    await option(page, 1).getByLabel('Option name').fill('Repair');
    await option(page, 2).getByLabel('Option name').fill('Replace');
    await fillLine(option(page, 2), 1, { kind: 'Part', description: 'New dishwasher, installed', price: '649' });
    await option(page, 2).getByLabel(/^Discount on the whole estimate/).selectOption({ label: 'Amount' });
    await option(page, 2).getByLabel('Discount value').fill('50');
    // 649.00 − 50.00 = 599.00; tax 49.42 → 648.42
    await expect.poll(() => option(page, 2).getByTestId('document-total').textContent()).toBe('$648.42');
    await page.getByLabel('Notes for the customer').fill('Both options include taking the old parts away.');
    await page.getByRole('button', { name: 'Save' }).first().click();
    await page.getByText('Unsaved changes').waitFor({ state: 'detached' });
    await expectAccessible(page, 'estimate editor');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/billing-01-estimate-editor.desktop.png`, fullPage: true });

    await page.getByRole('button', { name: 'Share & send' }).click();
    await page.getByRole('status').filter({ hasText: 'Shared in the portal and sent to the customer.' }).waitFor();
    await page.getByText('In portal', { exact: true }).waitFor();
    expect(await page.getByLabel('Show in the customer portal').isChecked()).toBe(true);
    expect(dispatcher.errors).toEqual([]);
  });

  it('the customer opens the e-mail link on their phone, picks an option and approves; the dispatcher sees it live', async () => {
    const number = (await app.t.db.selectFrom('billing_documents').select('number').where('job_id', '=', job.id).executeTakeFirstOrThrow()).number;
    const [mail] = await app.inbox.waitFor(1, (m) => m.envelopeTo.includes(app.customer.email) && m.subject.includes(number));
    expect(mail!.text).toContain('$235.34');
    const link = mail!.text.match(/http:\/\/localhost:\d+\/j\/j_[A-Za-z0-9_-]+/)![0];

    const page = customer.page;
    await page.goto(link);
    const section = page.getByRole('region', { name: 'Estimates & invoices' });
    await section.getByText('Waiting for your approval').waitFor();
    await screenshotBothSizes(page, 'billing-02-portal-job-page');
    await section.getByRole('link', { name: new RegExp(number) }).click();
    await page.getByRole('heading', { level: 1, name: `Estimate ${number}` }).waitFor();
    await page.getByRole('region', { name: 'Repair' }).getByText('Drain pump').waitFor();
    await page.getByRole('region', { name: 'Replace' }).getByText('New dishwasher, installed').waitFor();
    await expectAccessible(page, 'portal estimate');
    await screenshotBothSizes(page, 'billing-03-portal-estimate');

    // Approving without choosing asks for a choice first; then the chosen option is signed for.
    await page.getByLabel('Your full name').fill('Ana García');
    await page.getByRole('button', { name: 'Approve estimate' }).click();
    await page.getByText('Choose one of the options above first.').waitFor();
    await page.getByRole('region', { name: 'Replace' }).getByRole('button', { name: 'Choose this option' }).click();
    await page.getByRole('button', { name: 'Approve "Replace"' }).click();
    await page.getByText('You approved this estimate on', { exact: false }).waitFor();
    await page.getByText('Option chosen: Replace.').waitFor();
    await page.evaluate('window.scrollTo(0, 0)');
    await screenshotBothSizes(page, 'billing-04-portal-estimate-approved');

    // Dana's editor, open all along, shows the approval without a reload.
    const console = dispatcher.page;
    await console.getByText('Approved by Ana García', { exact: false }).waitFor();
    await console.locator('.ui-badge', { hasText: 'Approved' }).first().waitFor();
    expect(await console.getByText('(option "Replace")', { exact: false }).count()).toBe(1);
    await console.screenshot({ path: `${SCREENSHOT_DIR}/billing-05-console-approved.desktop.png`, fullPage: true });
    // And the job's panel lists it as approved, with the chosen option's total.
    await console.getByRole('link', { name: `Back to job ${job.reference}` }).click();
    const panel = console.getByRole('region', { name: 'Estimates & invoices' });
    await panel.getByText('Approved').waitFor();
    await panel.getByText('$648.42').waitFor();
    await console.screenshot({ path: `${SCREENSHOT_DIR}/billing-06-console-job-panel.desktop.png`, fullPage: true });

    // The office heard of it by e-mail (estimate_approved).
    const [approved] = await app.inbox.waitFor(1, (m) => m.envelopeTo.includes(app.dispatcher.email) && m.subject.includes(`approved estimate ${number}`));
    expect(approved!.text).toContain('$648.42');
    expect(customer.errors).toEqual([]);
    expect(dispatcher.errors).toEqual([]);
  });

  it('the approved estimate becomes an invoice; shared, the customer reads it with its balance and the way to pay', async () => {
    const console = dispatcher.page;
    await console.getByRole('link', { name: /^Estimate EST-/ }).click();
    await console.getByRole('button', { name: 'Convert to invoice' }).click();
    await console.getByRole('heading', { level: 1, name: /^Invoice INV-\d{5}$/ }).waitFor();
    expect(await console.getByLabel('Description, line 1').inputValue()).toBe('New dishwasher, installed');
    await console.getByRole('button', { name: 'Share & send' }).click();
    await console.getByRole('status').filter({ hasText: 'Shared in the portal and sent to the customer.' }).waitFor();
    await console.screenshot({ path: `${SCREENSHOT_DIR}/billing-07-console-invoice.desktop.png`, fullPage: true });
    const invoiceNumber = (await console.getByRole('heading', { level: 1 }).textContent())!.replace('Invoice ', '');

    const page = customer.page;
    await page.getByRole('link', { name: 'Back to your job' }).click();
    const section = page.getByRole('region', { name: 'Estimates & invoices' });
    await section.getByRole('link', { name: new RegExp(invoiceNumber) }).click();
    await page.getByRole('heading', { level: 1, name: `Invoice ${invoiceNumber}` }).waitFor();
    await page.getByText('Balance due').first().waitFor();
    await page.getByTestId('pay-link').filter({ hasText: 'Pay $648.42' }).waitFor();
    expect(await page.getByTestId('pay-link').getAttribute('href')).toMatch(new RegExp(`/portal/jobs/${job.id}/documents/[0-9a-f-]+/pay$`));
    await expectAccessible(page, 'portal invoice');
    await screenshotBothSizes(page, 'billing-08-portal-invoice');
    // The PDF the customer downloads is the branded one.
    const pdf = await page.evaluate(`fetch(document.querySelector('a[download]').href).then((r) => r.headers.get('content-type'))`);
    expect(pdf).toBe('application/pdf');
    expect(customer.errors).toEqual([]);
  });

  it('an admin sets the billing settings', async () => {
    const admin = await newPerson(browser, DESKTOP, TIME_ZONE);
    const page = admin.page;
    await page.goto(`${app.url}/sign-in`);
    await page.getByLabel('Email').fill('owner@prairie.test');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Billing settings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Billing' }).waitFor();
    await expect.poll(() => page.getByLabel(/^Default tax rate/).inputValue()).toBe('8.25');
    await page.getByLabel(/^Default tax rate/).fill('120');
    await page.getByRole('button', { name: 'Save billing settings' }).click();
    await page.getByText('must be a percentage between 0 and 100', { exact: false }).waitFor();
    await page.getByLabel(/^Default tax rate/).fill('7');
    await page.getByLabel('Invoices are due after (days)').fill('30');
    await page.getByLabel('Create a new job for the same customer and address').check();
    await page.getByLabel(/^Default terms/).fill('Payment due within 30 days. Thank you!');
    await page.getByRole('button', { name: 'Save billing settings' }).click();
    await page.getByRole('status').filter({ hasText: 'The billing settings are saved.' }).waitFor();
    await expectAccessible(page, 'billing settings');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/billing-09-settings.desktop.png`, fullPage: true });
    await page.reload();
    await expect.poll(() => page.getByLabel(/^Default tax rate/).inputValue()).toBe('7');
    expect(admin.errors).toEqual([]);
  });
});
