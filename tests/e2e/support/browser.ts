import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../../artifacts/screenshots');

export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } as const;
export const DESKTOP = { viewport: { width: 1280, height: 800 } } as const;

/** Debian's Chromium, headless; `localhost` pinned to IPv4 where the test server listens. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--host-resolver-rules=MAP localhost 127.0.0.1'],
  });
}

export interface Person {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions the pages raised: a finished screen raises none. */
  errors: string[];
}

/**
 * One person with their own cookies, screen and time zone. CSP is bypassed only so axe-core can be
 * injected; the pages themselves run under the server's policy in every other respect.
 */
export async function newPerson(browser: Browser, device: typeof PHONE | typeof DESKTOP, timezoneId: string): Promise<Person> {
  const context = await browser.newContext({ ...device, timezoneId, locale: 'en-US', bypassCSP: true });
  // Every step answers within a second or two; waiting longer only delays the report of a failure.
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    // The browser logs every 4xx answer (who is signed in? a form the server refused), which the
    // pages handle; a 5xx or a script error is a defect.
    // Map tiles come from the tile server on the internet, which tests never reach: the maps must
    // (and do) draw their markers without them.
    const offlineTile = /Failed to load resource: net::ERR_/.test(message.text()) && !message.location().url.startsWith('http://localhost');
    if (message.type() === 'error' && !/server responded with a status of 4\d\d/.test(message.text()) && !offlineTile) errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page, errors };
}

/**
 * After a failed test: each person's page as it was (`failed-<name>-<who>-<test>.png`) and what their
 * page reported, so a red run says what the people saw. Call from `afterEach` with its context.
 */
export async function keepFailure(context: { task: { name: string; result?: { state?: string } } }, name: string, people: Record<string, Person | undefined>): Promise<void> {
  if (context.task.result?.state !== 'fail') return;
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const test = context.task.name.slice(0, 30).replace(/\W+/g, '-');
  for (const [who, person] of Object.entries(people)) {
    if (!person) continue;
    if (person.errors.length) console.error(`${who}'s page reported:`, person.errors);
    await person.page.screenshot({ path: path.join(SCREENSHOT_DIR, `failed-${name}-${who}-${test}.png`), fullPage: true }).catch(() => undefined);
  }
}

/** Saves the page as it looks now, at phone and at desktop size (the viewport is restored after). */
export async function screenshotBothSizes(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const original = page.viewportSize();
  // From the top: a full-page shot keeps sticky parts (the console's sidebar) where the scroll left them.
  const scrolledTo = Number(await page.evaluate('window.scrollY'));
  await page.evaluate('window.scrollTo(0, 0)');
  for (const [size, viewport] of [['phone', PHONE.viewport], ['desktop', DESKTOP.viewport]] as const) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(150);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.${size}.png`), fullPage: true });
  }
  if (original) await page.setViewportSize(original);
  await page.evaluate(`window.scrollTo(0, ${scrolledTo})`);
}

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Runs axe-core on the page; fails with the list of serious and critical violations, if any. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  if (!(await page.evaluate(`'axe' in window`))) await page.addScriptTag({ content: axeSource });
  // A string, evaluated in the page: the test code itself has no DOM types.
  const violations = (await page.evaluate(
    `axe.run(document, { resultTypes: ['violations'] }).then((result) => result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) })))`,
  )) as AxeViolation[];
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${name}: ${v.id} (${v.impact}) ${v.help} at ${v.targets.join(', ')}`)).toEqual([]);
}
