import type { Page } from 'playwright-core';
import { PASSWORD } from './e2e-app.js';

/** Waits for the page's main heading (h1). */
export const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name }).waitFor();

/** Waits for a toast or status message. */
export const toast = (page: Page, text: string) => page.getByRole('status').filter({ hasText: text }).waitFor();

/** Signs a staff member in through the sign-in page; waits for the page they land on when it is named. */
export async function signInStaff(page: Page, url: string, email: string, landsOn: string | null = 'Jobs') {
  await page.goto(`${url}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  if (landsOn) await heading(page, landsOn);
}
