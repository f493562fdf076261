// Time to the first image in the browser: Debian's Chromium opens a referral page linked to a
// study (`?study=`), cold (a new context each time: empty cache, only the session carried over).
// Two clocks: the first picture (the labelled preview, or the viewer's own image when it comes
// first) and the full-quality first slice (viewer-canvas shows more than one colour). Everything
// on the way counts: the page, the series and slice queries, the rendered preview, the lazy viewer
// chunk, Cornerstone's set-up, the metadata and the first frame and its decoding. And the whole
// series: until every frame of the CT has arrived in the viewer over the thin link.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { loadavg } from 'node:os';
import { launchBrowser } from '@tiered-care/testkit/browser';

const SESSION_KEY = 'tiered-care.session'; // web-client/src/auth/session.tsx

/**
 * Installed before the app's scripts; polls each animation frame, reads a sample of pixels. Three
 * moments: the labelled preview, the first diagnostic slice (the page's own drawing of the stored
 * frame, `viewer-first-slice`, or the viewer's canvas, whichever comes first), and the viewer's
 * own (Cornerstone's) first slice.
 */
const WATCH_FIRST_IMAGE = `(() => {
  const drawn = (c) => {
    if (!c || c.width === 0 || c.height === 0) return false;
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    for (let i = 4 * 97; i < d.length; i += 4 * 97) if (Math.abs(d[i] - d[0]) > 30) return true;
    return false;
  };
  const check = () => {
    const p = document.querySelector('[data-testid="viewer-preview-image"]');
    if (window.__previewAt === undefined && p && p.complete && p.naturalWidth > 0) {
      window.__previewAt = performance.now();
    }
    if (window.__firstImageAt === undefined && drawn(document.querySelector('[data-testid="viewer-first-slice"]'))) {
      window.__firstImageAt = performance.now();
    }
    if (drawn(document.querySelector('[data-testid="viewer-canvas"]'))) {
      window.__viewerAt = performance.now();
      window.__firstImageAt ??= window.__viewerAt;
      return;
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

export interface FirstImage {
  /** Milliseconds from navigation start to the first picture of any kind. */
  pictureMs: number;
  /** … to the first full-quality (diagnostic) image: the page's own first slice or the viewer's. */
  fullMs: number;
  /** … to the viewer's (Cornerstone's) own first slice, with its tools on the way. */
  viewerMs: number;
}

interface Credentials {
  username: string;
  password: string;
}

export async function coldPage(browser: Browser, session: string, link: Link | null) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
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
  return { context, page };
}

export async function waitForImage(page: Page, timeout: number): Promise<void> {
  await page
    .waitForFunction('window.__viewerAt !== undefined', null, { timeout })
    .catch(async (err: unknown) => {
      // Say what the page showed instead of the image.
      const shown = await page.evaluate<string>('document.body.innerText').catch(() => '');
      throw new Error(`no image within ${timeout / 1000} s; the page showed: ${shown.slice(-600)}`, {
        cause: err,
      });
    });
}

async function coldLoad(browser: Browser, url: string, session: string, link: Link | null) {
  const { context, page } = await coldPage(browser, session, link);
  try {
    await page.goto(url, { waitUntil: 'commit' });
    await waitForImage(page, 120_000);
    // performance.now() counts from navigation start: Playwright's own overhead is left out.
    const [preview, full, viewer] = await page.evaluate<[number | null, number, number]>(
      '[window.__previewAt ?? null, window.__firstImageAt, window.__viewerAt]',
    );
    return {
      pictureMs: Math.round(Math.min(preview ?? full, full)),
      fullMs: Math.round(full),
      viewerMs: Math.round(viewer),
    };
  } finally {
    await context.close();
  }
}

export async function login(baseUrl: string, credentials: Credentials): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status}`);
  return res.text();
}

/** Both clocks for each of `runs` cold loads of `path`, per link. */
export async function measureFirstImage(
  baseUrl: string,
  path: string,
  credentials: Credentials,
  links: (Link | null)[],
  runs = 5,
): Promise<FirstImage[][]> {
  const session = await login(baseUrl, credentials);
  const chromium = await launchBrowser();
  try {
    const out: FirstImage[][] = [];
    for (const link of links) {
      const loads: FirstImage[] = [];
      for (let i = 0; i < runs; i++)
        loads.push(await coldLoad(chromium.browser, baseUrl + path, session, link));
      out.push(loads);
    }
    return out;
  } finally {
    await chromium.close();
  }
}

const FRAME = /\/frames\/\d+$/;

/** Frames (not rendered pictures) the page has received in full, by URL. */
function countFrames(context: BrowserContext): Set<string> {
  const done = new Set<string>();
  context.on('requestfinished', (r) => {
    if (FRAME.test(new URL(r.url()).pathname)) done.add(r.url());
  });
  return done;
}

/** Milliseconds from opening `path` cold until all `frames` frames have arrived in the viewer. */
export async function measureWholeSeries(
  baseUrl: string,
  path: string,
  credentials: Credentials,
  link: Link | null,
  frames: number,
): Promise<number> {
  const session = await login(baseUrl, credentials);
  const chromium = await launchBrowser();
  try {
    const { context, page } = await coldPage(chromium.browser, session, link);
    const done = countFrames(context);
    const started = performance.now();
    await page.goto(baseUrl + path, { waitUntil: 'commit' });
    await waitForImage(page, 120_000);
    const deadline = started + 900_000;
    while (done.size < frames) {
      if (performance.now() > deadline) throw new Error(`${done.size} of ${frames} frames in 900 s`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return Math.round(performance.now() - started);
  } finally {
    await chromium.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** The results.md section: the table and what it measured. */
export function firstImageMarkdown(
  links: [string, Link | null][],
  loads: FirstImage[][],
  wholeSeries: { link: string; frames: number; ms: number },
  note: string,
): string[] {
  return [
    `Time to first image in the browser: Debian's Chromium (headless, no GPU: Cornerstone renders on the CPU) opens ` +
      `the referral page linked to the CT (\`/referrals/:id?study=…\`) in a new context each time (empty cache); ` +
      `"first picture" is the labelled rendered preview (or a diagnostic image if one came first), "full quality" ` +
      `the first slice's diagnostic pixels (the stored JPEG-LS frame decoded by the page with CharLS and drawn at ` +
      `full resolution with its rescale and window, \`viewer-first-slice\`, or the viewer's canvas if it came first), ` +
      `"viewer" Cornerstone's own first slice (viewer-canvas non-blank); median of ${loads[0]?.length ?? 0} ` +
      `cold loads. ${note}`,
    ``,
    `| link | first picture, median | full-quality first slice, median | viewer (Cornerstone), median | runs (picture / full / viewer) |`,
    `|---|---|---|---|---|`,
    ...links.map(([name], i) => {
      const runs = loads[i] ?? [];
      const med = (pick: (r: FirstImage) => number) => `${median(runs.map(pick))} ms`;
      return (
        `| ${name} | ${med((r) => r.pictureMs)} | ${med((r) => r.fullMs)} | ${med((r) => r.viewerMs)} | ` +
        `${runs.map((r) => `${r.pictureMs} / ${r.fullMs} / ${r.viewerMs}`).join(', ')} ms |`
      );
    }),
    `| whole series (${wholeSeries.frames} frames), ${wholeSeries.link} | | | ${(wholeSeries.ms / 1000).toFixed(1)} s | one cold load, until every frame has arrived |`,
    ``,
  ];
}

export const BROWSER_LINKS: [string, Link | null][] = [
  ['loopback', null],
  ['emulated 10 Mbit/s, 20 ms', { throughput: 1_250_000, latencyMs: 20 }],
  ['emulated 2 Mbit/s, 50 ms', { throughput: 250_000, latencyMs: 50 }],
];

/** Measures everything above on `path` (a page showing a study of `frames` frames); the section's lines. */
export async function firstImageSection(
  baseUrl: string,
  path: string,
  credentials: Credentials,
  frames: number,
  options: { runs: number; wholeSeries: boolean },
): Promise<string[]> {
  const before = loadavg()[0] ?? 0;
  const [thinName, thinLink] = BROWSER_LINKS[2] ?? ['loopback', null];
  const loads = await measureFirstImage(
    baseUrl,
    path,
    credentials,
    BROWSER_LINKS.map(([, link]) => link),
    options.runs,
  );
  const ms = options.wholeSeries
    ? await measureWholeSeries(baseUrl, path, credentials, thinLink, frames)
    : NaN;
  const note = `Load average ${before.toFixed(1)} before the browser runs, ${(loadavg()[0] ?? 0).toFixed(1)} after.`;
  return firstImageMarkdown(BROWSER_LINKS, loads, { link: thinName, frames, ms }, note);
}
