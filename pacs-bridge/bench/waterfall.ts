// Where a cold load of the linked study's page spends its time: one cold load per link, printed as
// a waterfall (every request's start and end from Resource Timing, the main thread's long tasks,
// and the two clocks of firstImage.ts), so a change goes to the biggest cost first.
// `node --import tsx pacs-bridge/bench/waterfall.ts` (LINK=thin for 2 Mbit/s + 50 ms).
import { startBridgeTestApp } from '@tiered-care/testkit/bridge';
import { launchBrowser } from '@tiered-care/testkit/browser';
import { DEMO_PASSWORD } from '@tiered-care/testkit/harness';
import { BROWSER_LINKS, coldPage, login, waitForImage } from './firstImage';

const WATCH_LONG_TASKS = `(() => {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push([Math.round(e.startTime), Math.round(e.duration)]);
  }).observe({ type: 'longtask', buffered: true });
})();`;

interface Row {
  name: string;
  start: number;
  end: number;
  bytes: number;
}

const t = await startBridgeTestApp({ web: true });
const path = `/referrals/${t.demo.referralId}?study=${t.demo.ct.studyInstanceUid}`;
const link = BROWSER_LINKS[process.env.LINK === 'thin' ? 2 : 0]?.[1] ?? null;
const session = await login(t.baseUrl, { username: 'specialist.h1', password: DEMO_PASSWORD });
const chromium = await launchBrowser();
const { context, page } = await coldPage(chromium.browser, session, link);
await context.addInitScript({ content: WATCH_LONG_TASKS });
await page.goto(t.baseUrl + path, { waitUntil: 'commit' });
await waitForImage(page, 120_000);
const [rows, longTasks, preview, full, viewer] = await page.evaluate<
  [Row[], [number, number][], number, number, number]
>(`[
  performance.getEntriesByType('resource').map((e) => ({
    name: e.name.replace(location.origin, '').replace(/[0-9.]{30,}/g, '…'),
    start: Math.round(e.startTime),
    end: Math.round(e.responseEnd),
    bytes: e.transferSize,
  })),
  window.__longTasks,
  window.__previewAt,
  window.__firstImageAt,
  window.__viewerAt,
]`);
const nav = await page.evaluate<number>(
  `Math.round(performance.getEntriesByType('navigation')[0].responseEnd)`,
);
const ms = (x: number | undefined) => (x === undefined ? '—' : `${Math.round(x)} ms`);
console.log(`document ${nav} ms; preview ${ms(preview)}; first slice ${ms(full)}; viewer ${ms(viewer)}`);
for (const r of rows.sort((a, b) => a.start - b.start))
  console.log(
    `${String(r.start).padStart(6)} → ${String(r.end).padStart(6)}  ${String(r.bytes).padStart(8)} B  ${r.name}`,
  );
console.log(`long tasks (start, ms): ${longTasks.map(([s, d]) => `${s}+${d}`).join(', ')}`);
await context.close();
await chromium.close();
await t.close();
process.exit(0);
