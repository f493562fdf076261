// The browser figures of the pacs-bridge bench alone (first picture, full-quality first slice,
// whole series over the thin link), printed as the results.md section; `npm run bench -w
// pacs-bridge` measures them with the rest and writes the file. RUNS=n changes the cold loads;
// WHOLE_SERIES=0 leaves out the whole series (minutes at 2 Mbit/s).
import { startBridgeTestApp } from '@tiered-care/testkit/bridge';
import { DEMO_PASSWORD } from '@tiered-care/testkit/harness';
import { firstImageSection } from './firstImage';

const t = await startBridgeTestApp({ web: true });
const { ct } = t.demo;
const lines = await firstImageSection(
  t.baseUrl,
  `/referrals/${t.demo.referralId}?study=${ct.studyInstanceUid}`,
  { username: 'specialist.h1', password: DEMO_PASSWORD },
  ct.sopInstanceUids.length,
  { runs: Number(process.env.RUNS ?? 5), wholeSeries: process.env.WHOLE_SERIES !== '0' },
);
console.log(lines.join('\n'));
await t.close();
process.exit(0);
