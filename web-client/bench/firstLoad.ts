// Cold first load of the worklist over a 2 Mbit/s clinic link, in Debian's Chromium: the
// network is throttled through CDP, the cache disabled, and the clock stops when the first
// referral row (or the empty state) is on screen.
import { launchBrowser } from '@tiered-care/testkit/browser';
import type { Browser, Page } from 'playwright-core';

export const LINK = { downloadThroughput: 250_000, uploadThroughput: 250_000, latency: 50 } as const;
const SESSION_KEY = 'tiered-care.session'; // web-client/src/auth/session.tsx
const READY = '[data-testid="referral-row"], [data-testid="state-empty"]';

export interface FirstLoad {
  runsMs: number[];
  medianMs: number;
  transferredBytes: number;
  /** Scripts that arrived without Content-Encoding: each costs its full raw size on the link. */
  uncompressedScripts: number;
  shown: 'referral-row' | 'state-empty';
}

async function signIn(
  browser: Browser,
  baseUrl: string,
  username: string,
  password: string,
): Promise<string> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${baseUrl}/login`);
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 30_000 });
    const session = await page.evaluate((key) => sessionStorage.getItem(key), SESSION_KEY);
    if (!session) throw new Error('signed in but no session in sessionStorage');
    return session;
  } finally {
    await context.close();
  }
}

/** Records, inside the page, the moment the first row or the empty state is laid out. */
function watchForReady(selector: string): void {
  const w = window as unknown as { __readyAt?: number };
  const check = () => {
    const el = document.querySelector(selector);
    if (w.__readyAt === undefined && el && el.getClientRects().length > 0) {
      w.__readyAt = performance.now();
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, attributes: true });
}

interface Traffic {
  bytes: () => number;
  uncompressedScripts: () => number;
}

async function throttle(page: Page): Promise<Traffic> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, ...LINK });
  let bytes = 0;
  let uncompressed = 0;
  cdp.on('Network.loadingFinished', (e) => {
    bytes += e.encodedDataLength;
  });
  cdp.on('Network.responseReceived', (e) => {
    const encoded = Object.keys(e.response.headers).some((h) => h.toLowerCase() === 'content-encoding');
    if (e.type === 'Script' && !encoded) uncompressed += 1;
  });
  return { bytes: () => bytes, uncompressedScripts: () => uncompressed };
}

async function coldLoad(
  browser: Browser,
  baseUrl: string,
  session: string,
): Promise<Omit<FirstLoad, 'runsMs' | 'medianMs'> & { ms: number }> {
  // A fresh context: empty HTTP cache, only the session token carried over (as after a reload).
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  try {
    await context.addInitScript(
      ([key, value]) => {
        if (location.pathname !== '/login') sessionStorage.setItem(key, value);
      },
      [SESSION_KEY, session] as const,
    );
    await context.addInitScript(watchForReady, READY);
    const page = await context.newPage();
    const traffic = await throttle(page);
    await page.goto(`${baseUrl}/worklist`, { waitUntil: 'commit' });
    const el = await page.waitForSelector(READY, { state: 'visible', timeout: 60_000 });
    const shown = (await el.getAttribute('data-testid')) === 'referral-row' ? 'referral-row' : 'state-empty';
    // performance.now() counts from navigation start, so Playwright's own overhead is excluded.
    const ms = await page.evaluate(
      () => (window as unknown as { __readyAt?: number }).__readyAt ?? performance.now(),
    );
    return {
      ms: Math.round(ms),
      transferredBytes: traffic.bytes(),
      uncompressedScripts: traffic.uncompressedScripts(),
      shown,
    };
  } finally {
    await context.close();
  }
}

export async function measureFirstLoad(
  baseUrl: string,
  username: string,
  password: string,
  runs = 3,
): Promise<FirstLoad> {
  const { browser, close } = await launchBrowser();
  try {
    const session = await signIn(browser, baseUrl, username, password);
    const results = [];
    for (let i = 0; i < runs; i++) results.push(await coldLoad(browser, baseUrl, session));
    const runsMs = results.map((r) => r.ms);
    const sorted = [...runsMs].sort((a, b) => a - b);
    const last = results[results.length - 1];
    if (!last) throw new Error('no run');
    return { ...last, runsMs, medianMs: sorted[Math.floor(sorted.length / 2)] ?? last.ms };
  } finally {
    await close();
  }
}
