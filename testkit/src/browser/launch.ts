// Debian's Chromium driven by playwright-core (never a downloaded browser), one launcher for every
// browser test and benchmark. Flags from the RUNBOOK: no background networking (the machine has no
// internet), fake camera and microphone, real host ICE candidates for WebRTC.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = new URL('../../../test-artifacts/', import.meta.url).pathname;

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
  // Keep three simulcast layers even below 960x540 capture (Chromium's legacy limit drops to two).
  '--force-fieldtrials=WebRTC-LegacySimulcastLayerLimit/Disabled/',
];

export interface LaunchedBrowser {
  browser: Browser;
  /** A context of its own, for pages that need no office profile (media tests' peer pages). */
  context: BrowserContext;
  close: () => Promise<void>;
}

/** playwright gives every launch a fresh temporary profile (and refuses --user-data-dir). */
export async function launchBrowser(
  executablePath = CHROMIUM,
  extraArgs: string[] = [],
): Promise<LaunchedBrowser> {
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: [...CHROMIUM_ARGS, ...extraArgs],
    timeout: 30_000,
  });
  const context = await browser.newContext().catch(async (error: unknown) => {
    await browser.close().catch(() => undefined);
    throw error;
  });
  return { browser, context, close: () => browser.close().catch(() => undefined) };
}

/**
 * An office-PC-sized page (1366×768) in Chinese, in its own context (own session storage), in
 * China's time zone unless told otherwise (the machine running the tests may be on UTC).
 */
export async function officePage(
  browser: Browser,
  timezoneId = 'Asia/Shanghai',
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
    timezoneId,
  });
  const page = await context.newPage();
  return { context, page };
}

export async function signIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** Saves a screenshot under test-artifacts/ for people to look at after the run. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
