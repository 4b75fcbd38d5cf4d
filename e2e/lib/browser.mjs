// @ts-check
/*
 * Debian's Chromium driven by playwright-core (no browser download). The flags are the ones that
 * work on this kind of machine: no sandbox (containers), no GPU, and no background traffic.
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function chromiumAvailable() {
  return existsSync(CHROMIUM_PATH);
}

export async function launchBrowser() {
  // Playwright gives every launch a fresh temporary profile (--user-data-dir).
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A page signed in as the guest user, as a visitor would: the sign-in page's Enter button. */
export async function signedInPage(
  /** @type {import('playwright-core').Browser} */ browser,
  /** @type {string} */ baseUrl,
) {
  const context = await browser.newContext({
    viewport: { width: 1600, height: 1000 },
  });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  // The first load parses the whole bundle: on a busy 2-core machine that can exceed 30 s.
  await page.goto(baseUrl, { timeout: 120_000 });
  await page.getByRole('button', { name: 'Enter' }).click({ timeout: 120_000 });
  // The sidebar exists only once signed in.
  await page
    .locator('nav[aria-label="sidebar nav"]')
    .first()
    .waitFor({ state: 'attached' });
  return page;
}
