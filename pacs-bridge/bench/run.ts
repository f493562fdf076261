// `npm run bench -w pacs-bridge`: the bridge against Orthanc directly, in the same run on the
// same machine. Frames of the 100-slice demo CT, QIDO latency, ECG decoding, and the time to the
// first CT image in Chromium (the web client is built first when dist/ is missing or stale).
// Writes results.md.
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { boundaryOf, parseMultipart } from '../src/dicom/multipart';
import { decodeGroup, findLeadII, waveformGroups } from '../src/ecg/decode';
import { detectRPeaks } from '../src/ecg/panTompkins';
import { startBridgeTestApp } from '@tiered-care/testkit/bridge';
import { DEMO_PASSWORD } from '@tiered-care/testkit/harness';
import { firstImageSection } from './firstImage';
import { wireBytesRows } from './wireBytes';

const ROUNDS = 5;
const QIDO_REQUESTS = 100;
const CONCURRENCY = 6; // what a browser opens per origin over HTTP/1.1

const t = await startBridgeTestApp({ web: true });
const token = await t.login('specialist.h1');
const { ct, ecg } = t.demo;
const series = `/studies/${ct.studyInstanceUid}/series/${ct.seriesInstanceUid}`;

type Get = (path: string) => Promise<Response>;
const viaBridge: Get = (path) => t.fetch(`/dicom-web${path}`, { token });
const direct: Get = (path) => t.direct(path);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;

/** All frames of the series, CONCURRENCY at a time; returns ms and payload bytes received. */
async function allFrames(get: Get): Promise<{ ms: number; bytes: number }> {
  const queue = [...ct.sopInstanceUids];
  let bytes = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let sop = queue.shift(); sop; sop = queue.shift()) {
        const res = await get(`${series}/instances/${sop}/frames/1`);
        const body = await res.arrayBuffer();
        if (res.status !== 200)
          throw new Error(`frame ${sop}: ${res.status} ${Buffer.from(body).toString()}`);
        bytes += body.byteLength;
      }
    }),
  );
  return { ms: performance.now() - started, bytes };
}

async function latencies(get: Get, path: string): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < QIDO_REQUESTS; i++) {
    const started = performance.now();
    await (await get(path)).arrayBuffer();
    out.push(performance.now() - started);
  }
  return out;
}

await allFrames(direct);
await allFrames(viaBridge);
const frames = { bridge: [] as number[], direct: [] as number[], bytes: 0 };
for (let round = 0; round < ROUNDS; round++) {
  const d = await allFrames(direct);
  const b = await allFrames(viaBridge);
  frames.direct.push(d.ms);
  frames.bridge.push(b.ms);
  frames.bytes = b.bytes;
}

const qidoPaths = {
  'QIDO study by UID': `/studies?StudyInstanceUID=${ct.studyInstanceUid}`,
  'QIDO instances of the series': `${series}/instances`,
};
const qido: [string, number[], number[]][] = [];
for (const [name, path] of Object.entries(qidoPaths)) {
  const d = await latencies(direct, path);
  const b = await latencies(viaBridge, path);
  qido.push([name, d, b]);
}

// ECG: the decoder and detector alone (bytes already in memory), then the whole API call.
const meta = (await (
  await direct(
    `/studies/${ecg.studyInstanceUid}/series/${ecg.seriesInstanceUid}/instances/${ecg.sopInstanceUid}/metadata`,
  )
).json()) as Parameters<typeof waveformGroups>[0][];
const groupItems = waveformGroups(meta[0] ?? {});
const bulks: Buffer[] = [];
for (const item of groupItems) {
  const uri = item['54001010']?.BulkDataURI ?? '';
  const res = await direct(uri.slice(t.orthanc.dicomWebUrl.length));
  const body = Buffer.from(await res.arrayBuffer());
  bulks.push(
    parseMultipart(body, boundaryOf(res.headers.get('content-type')) ?? '')[0]?.body ?? Buffer.alloc(0),
  );
}
const decodeMs: number[] = [];
const detectMs: number[] = [];
for (let i = 0; i < 30; i++) {
  let started = performance.now();
  const groups = groupItems.map((item, g) => decodeGroup(item, bulks[g] ?? Buffer.alloc(0)));
  decodeMs.push(performance.now() - started);
  const leadII = findLeadII(groups);
  started = performance.now();
  detectRPeaks(leadII?.channel.samples ?? [], 1000);
  detectMs.push(performance.now() - started);
}
const ecgPath = `/api/ecg/${ecg.studyInstanceUid}/${ecg.seriesInstanceUid}/${ecg.sopInstanceUid}`;
const apiMs: number[] = [];
for (let i = 0; i < 20; i++) {
  const started = performance.now();
  await (await t.fetch(`${ecgPath}?format=float32`, { token })).arrayBuffer();
  apiMs.push(performance.now() - started);
}

const firstImage = await firstImageSection(
  t.baseUrl,
  `/referrals/${t.demo.referralId}?study=${ct.studyInstanceUid}`,
  { username: 'specialist.h1', password: DEMO_PASSWORD },
  ct.sopInstanceUids.length,
  { runs: ROUNDS, wholeSeries: true },
);

const mb = frames.bytes / 1e6;
const fmt = (n: number) => n.toFixed(1);
const dMs = median(frames.direct);
const bMs = median(frames.bridge);
const lines = [
  `# pacs-bridge benchmark`,
  ``,
  `${new Date().toISOString()}, Node ${process.version}, ${cpus().length} CPUs, Orthanc and app on loopback, ` +
    `${ct.sopInstanceUids.length} CT frames of 512×512×16 bit (${fmt(mb)} MB per pass, ${CONCURRENCY} requests in flight), ` +
    `median of ${ROUNDS} alternating passes. The bridge asks the database on the first request of a burst (writing the audit row) and then trusts the grant for up to 5 s.`,
  ``,
  `| measurement | direct (Orthanc) | via bridge | bridge / direct |`,
  `|---|---|---|---|`,
  `| all frames of the series, time | ${fmt(dMs)} ms | ${fmt(bMs)} ms | ${(bMs / dMs).toFixed(2)} |`,
  `| all frames of the series, throughput | ${fmt(mb / (dMs / 1000))} MB/s | ${fmt(mb / (bMs / 1000))} MB/s | ${(dMs / bMs).toFixed(2)} |`,
  ...qido.flatMap(([name, d, b]) => [
    `| ${name}, p50 (${QIDO_REQUESTS} requests) | ${fmt(percentile(d, 50))} ms | ${fmt(percentile(b, 50))} ms | ${(percentile(b, 50) / percentile(d, 50)).toFixed(2)} |`,
    `| ${name}, p95 | ${fmt(percentile(d, 95))} ms | ${fmt(percentile(b, 95))} ms | ${(percentile(b, 95) / percentile(d, 95)).toFixed(2)} |`,
  ]),
  ``,
  `| ECG (waveform_ecg.dcm: 12 × 10 000 + 12 × 1 200 samples) | median |`,
  `|---|---|`,
  `| decode both multiplex groups | ${fmt(median(decodeMs))} ms |`,
  `| R-peak detection on lead II (10 s at 1 kHz) | ${fmt(median(detectMs))} ms |`,
  `| GET /api/ecg/… ?format=float32, end to end | ${fmt(median(apiMs))} ms |`,
  ``,
  ...firstImage,
];
lines.push(
  ...(await wireBytesRows((p, accept) => t.fetch(`/dicom-web${p}`, { token, headers: { accept } }), ct)),
);
// Formatted the way the repository's prettier check expects, so a fresh run doesn't fail it.
const file = fileURLToPath(new URL('./results.md', import.meta.url));
const table = await format(lines.join('\n'), { ...(await resolveConfig(file)), parser: 'markdown' });
console.log(table);
writeFileSync(file, table);
await t.close();
process.exit(0);
