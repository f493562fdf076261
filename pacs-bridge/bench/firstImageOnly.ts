// The browser figures of the pacs-bridge bench alone (first picture, full-quality first slice,
// whole series over the thin link), printed as the results.md section; `npm run bench -w
// pacs-bridge` measures them with the rest and writes the file. RUNS=n changes the cold loads;
// WHOLE_SERIES=0 leaves out the whole series (minutes at 2 Mbit/s).
import { loadavg } from 'node:os';
import { startBridgeTestApp } from '@tiered-care/testkit/bridge';
import { DEMO_PASSWORD } from '@tiered-care/testkit/harness';
import { firstImageMarkdown, measureFirstImage, measureWholeSeries, type Link } from './firstImage';

const LINKS: [string, Link | null][] = [
  ['loopback', null],
  ['emulated 10 Mbit/s, 20 ms', { throughput: 1_250_000, latencyMs: 20 }],
  ['emulated 2 Mbit/s, 50 ms', { throughput: 250_000, latencyMs: 50 }],
];
const THIN = LINKS[2] ?? ['loopback', null];

const t = await startBridgeTestApp({ web: true });
const { ct } = t.demo;
const page = `/referrals/${t.demo.referralId}?study=${ct.studyInstanceUid}`;
const who = { username: 'specialist.h1', password: DEMO_PASSWORD };
const before = loadavg()[0] ?? 0;
const loads = await measureFirstImage(
  t.baseUrl,
  page,
  who,
  LINKS.map(([, l]) => l),
  Number(process.env.RUNS ?? 5),
);
const frames = ct.sopInstanceUids.length;
const ms =
  process.env.WHOLE_SERIES === '0' ? NaN : await measureWholeSeries(t.baseUrl, page, who, THIN[1], frames);
const note = `Load average ${before.toFixed(1)} before the browser runs, ${(loadavg()[0] ?? 0).toFixed(1)} after.`;
console.log(firstImageMarkdown(LINKS, loads, { link: THIN[0], frames, ms }, note).join('\n'));
await t.close();
process.exit(0);
