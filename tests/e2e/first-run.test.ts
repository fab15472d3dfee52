import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, expectAccessible, launchBrowser, newPerson, screenshotBothSizes } from './support/browser.js';
import { startEmptyE2eApp } from './support/e2e-app.js';

/** A fresh installation: the set-up link printed at start creates the company and its admin in the browser. */
describe('first run', () => {
  let app: Awaited<ReturnType<typeof startEmptyE2eApp>>;
  let browser: Browser;

  beforeAll(async () => {
    app = await startEmptyE2eApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('the set-up link creates the company and signs its admin in to the console', async () => {
    const admin = await newPerson(browser, DESKTOP, 'Europe/Paris');
    const page = admin.page;
    await page.goto(app.url);
    await page.getByText('This installation has no company yet').waitFor();
    await screenshotBothSizes(page, '00-welcome-before-set-up');

    const link = (await app.t.app.services.companies.issueSetupLinkIfEmpty())!;
    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: 'Set up your company' }).waitFor();
    expect(page.url()).not.toContain('token');
    await expectAccessible(page, 'set-up');

    // A password that is too short is named next to its field and nothing is created.
    await page.getByLabel('Company name').fill('Atelier Dépannage');
    expect(await page.getByLabel('Web address name').inputValue()).toBe('atelier-depannage');
    expect(await page.getByLabel('Time zone').inputValue()).toBe('Europe/Paris');
    await page.getByLabel('Your name').fill('Camille Martin');
    await page.getByLabel('Your email').fill('camille@atelier.test');
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create company' }).click();
    await page.getByText(/Password .*12/).waitFor();
    await screenshotBothSizes(page, '00-set-up-error');
    expect(await app.t.app.services.companies.setupNeeded()).toBe(true);

    await page.getByLabel('Password').fill('a long and private passphrase');
    await page.getByRole('button', { name: 'Create company' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your company is ready' }).waitFor();
    await page.getByRole('link', { name: 'Open the console' }).click();
    await page.getByRole('heading', { level: 1, name: 'Jobs' }).waitFor();
    await page.getByText('Atelier Dépannage').first().waitFor();
    await page.getByText('Signed in as Camille Martin').waitFor();
    await expectAccessible(page, 'console, empty');
    await screenshotBothSizes(page, '00-console-empty');
    expect(admin.errors).toEqual([]);
  });
});
