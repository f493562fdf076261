// Time to first image in the browser: Debian's Chromium opens a referral page linked to a study
// (`?study=`), cold (a new context each time: empty cache, only the session carried over), and
// the clock stops when viewer-canvas first shows more than one colour. Everything on the way
// counts: the page and the lazy viewer chunk, Cornerstone's set-up, the series list and metadata
// through the bridge, the first frame and its decoding.
import type { Browser } from 'playwright-core';
import { launchBrowser } from '@tiered-care/testkit/browser';

const SESSION_KEY = 'tiered-care.session'; // web-client/src/auth/session.tsx

/** Installed before the app's scripts; polls each animation frame, reads a sample of pixels. */
const WATCH_FIRST_IMAGE = `(() => {
  const check = () => {
    const c = document.querySelector('[data-testid="viewer-canvas"]');
    if (c && c.width > 0 && c.height > 0) {
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      for (let i = 4 * 97; i < d.length; i += 4 * 97) {
        if (Math.abs(d[i] - d[0]) > 30) {
          window.__firstImageAt = performance.now();
          return;
        }
      }
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();`;

export interface Link {
  /** Bytes per second each way. */
  throughput: number;
  latencyMs: number;
}

async function coldLoad(browser: Browser, url: string, session: string, link: Link | null): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  try {
    await context.addInitScript({
      content: `sessionStorage.setItem(${JSON.stringify(SESSION_KEY)}, ${JSON.stringify(session)});`,
    });
    await context.addInitScript({ content: WATCH_FIRST_IMAGE });
    const page = await context.newPage();
    if (link) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        downloadThroughput: link.throughput,
        uploadThroughput: link.throughput,
        latency: link.latencyMs,
      });
    }
    await page.goto(url, { waitUntil: 'commit' });
    await page
      .waitForFunction('window.__firstImageAt !== undefined', null, { timeout: 120_000 })
      .catch(async (err: unknown) => {
        // Say what the page showed instead of the image.
        const shown = await page.evaluate<string>('document.body.innerText').catch(() => '');
        throw new Error(`no image within 120 s; the page showed: ${shown.slice(-600)}`, { cause: err });
      });
    // performance.now() counts from navigation start: Playwright's own overhead is left out.
    return Math.round(await page.evaluate<number>('window.__firstImageAt'));
  } finally {
    await context.close();
  }
}

/** Milliseconds to the first image for each of `runs` cold loads of `url`. */
export async function measureFirstImage(
  baseUrl: string,
  path: string,
  credentials: { username: string; password: string },
  links: (Link | null)[],
  runs = 5,
): Promise<number[][]> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status}`);
  const session = await res.text();
  const chromium = await launchBrowser();
  try {
    const out: number[][] = [];
    for (const link of links) {
      const ms: number[] = [];
      for (let i = 0; i < runs; i++) ms.push(await coldLoad(chromium.browser, baseUrl + path, session, link));
      out.push(ms);
    }
    return out;
  } finally {
    await chromium.close();
  }
}
