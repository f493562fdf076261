// `npm run bench -w pacs-bridge`: the bridge against Orthanc directly, in the same run on the
// same machine. The app runs in a process of its own (bridgeProcess.ts), as in production. Frames
// of the 100-slice demo CT, interleaved in each round: directly, through the bridge by a first
// viewer (its response cache emptied first), and by a second viewer of the same series (another
// user with the share: served from the cache); then QIDO latency, ECG decoding, report PDF
// generation (reportPdf.ts; alone: `npm run bench:report-pdf`), and the time to
// the first CT image in Chromium (the web client is built first when dist/ is missing or stale).
// Writes results.md. `--skip-browser` keeps the browser table of the previous results.md.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { spawnTied } from '@tiered-care/common/process';
import { boundaryOf, parseMultipart } from '../src/dicom/multipart';
import { decodeGroup, findLeadII, waveformGroups } from '../src/ecg/decode';
import { detectRPeaks } from '../src/ecg/panTompkins';
import { DEMO_PASSWORD } from '@tiered-care/testkit/harness';
import type { BenchApp } from './bridgeProcess';
import { firstImageSection } from './firstImage';
import { reportPdfSection } from './reportPdf';
import { selfTimeSummary } from './profile';
import { wireBytesRows } from './wireBytes';

const ROUNDS = 5;
const QIDO_REQUESTS = 100;
const CONCURRENCY = 6; // what a browser opens per origin over HTTP/1.1
const skipBrowser = process.argv.includes('--skip-browser');
const readAheadOff = process.env.BENCH_READ_AHEAD === '0';
const profileFlag = process.argv.indexOf('--profile');
const profileDir = profileFlag === -1 ? null : (process.argv[profileFlag + 1] ?? '.');

const child = spawnTied(
  process.execPath,
  [
    '--import',
    'tsx',
    fileURLToPath(new URL('./bridgeProcess.ts', import.meta.url)),
    ...(skipBrowser ? [] : ['--web']),
  ],
  {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, TEST_LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn' },
  },
);
if (!child.stdin || !child.stdout) throw new Error('the app process has no pipes');
const childIn = child.stdin;
const childLines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
async function nextLine(): Promise<string> {
  const next = await childLines.next();
  if (next.done) throw new Error('the app process ended');
  return next.value;
}
const app = JSON.parse(await nextLine()) as BenchApp;
const { ct, ecg } = app.demo;
const series = `/studies/${ct.studyInstanceUid}/series/${ct.seriesInstanceUid}`;

async function login(username: string): Promise<string> {
  const res = await fetch(`${app.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  const body = (await res.json()) as { token?: string };
  if (!body.token) throw new Error(`login ${username}: ${res.status}`);
  return body.token;
}
async function clearCache(): Promise<void> {
  childIn.write('clear\n');
  if ((await nextLine()) !== 'cleared') throw new Error('the app did not clear its cache');
}

/** What the viewer asks for frames: as the archive keeps them (JPEG-LS lossless), never transcoded. */
const AS_STORED = 'multipart/related; type="application/octet-stream"; transfer-syntax=*';
type Get = (path: string, accept?: string) => Promise<Response>;
const viaBridgeAs =
  (token: string): Get =>
  (path, accept) =>
    fetch(`${app.baseUrl}/dicom-web${path}`, {
      headers: { authorization: `Bearer ${token}`, ...(accept ? { accept } : {}) },
    });
const archiveAuth = `Basic ${Buffer.from(`${app.orthanc.username}:${app.orthanc.password}`).toString('base64')}`;
const direct: Get = (path, accept) =>
  fetch(app.orthanc.dicomWebUrl + path, {
    headers: { authorization: archiveAuth, ...(accept ? { accept } : {}) },
  });
// The first viewer is the referral's specialist; the second, the consultation's guest specialist.
const tokens = { first: await login('specialist.h1'), second: await login('specialist.h2') };
const viaBridge = viaBridgeAs(tokens.first);
const secondViewer = viaBridgeAs(tokens.second);

const runs = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;

/**
 * CPU time a process has used, in ms (utime + stime from /proc): unlike wall time it barely
 * moves with the load other work puts on the machine.
 */
function cpuMs(pid: number | undefined, which: 'user' | 'system' | 'both' = 'both'): number {
  if (!pid) return 0;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  const [user, system] = [Number(fields[11]), Number(fields[12])];
  return ((which === 'user' ? user : which === 'system' ? system : user + system) * 1000) / 100;
}
const appCpuMs = () => cpuMs(child.pid);
/** The archive's CPU time: what the bridge's read-ahead costs it shows here, beside direct. */
const archiveCpuMs = () => cpuMs(app.orthancPid);

/** All frames of the series as the viewer asks, CONCURRENCY at a time; ms and bytes received. */
async function allFrames(get: Get): Promise<{ ms: number; bytes: number }> {
  const queue = [...ct.sopInstanceUids];
  let bytes = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let sop = queue.shift(); sop; sop = queue.shift()) {
        const res = await get(`${series}/instances/${sop}/frames/1`, AS_STORED);
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

/** A moment for work the app does after its answers (keeping, reading ahead) to end. */
const idle = () => new Promise((done) => setTimeout(done, 50));

const loadBefore = loadavg();
// Warm-up: connections, Orthanc's and the OS's caches, the JIT.
await allFrames(direct);
await allFrames(viaBridge);
const frames = { bridge: [] as number[], direct: [] as number[], second: [] as number[], bytes: 0 };
const appCpu = { first: [] as number[], second: [] as number[] };
const archiveCpu = { direct: [] as number[], first: [] as number[], second: [] as number[] };
for (let round = 0; round < ROUNDS; round++) {
  await clearCache();
  // Alternating which goes first, so neither side always meets the other's leftovers.
  const order = round % 2 === 0 ? ['direct', 'bridge'] : ['bridge', 'direct'];
  for (const which of order) {
    let archive = archiveCpuMs();
    if (which === 'direct') {
      frames.direct.push((await allFrames(direct)).ms);
      archiveCpu.direct.push(archiveCpuMs() - archive);
    } else {
      let cpu = appCpuMs();
      const b = await allFrames(viaBridge);
      // The read-ahead may still be reading the last frames nobody asked for yet.
      await idle();
      appCpu.first.push(appCpuMs() - cpu);
      archiveCpu.first.push(archiveCpuMs() - archive);
      frames.bridge.push(b.ms);
      frames.bytes = b.bytes;
      cpu = appCpuMs();
      archive = archiveCpuMs();
      frames.second.push((await allFrames(secondViewer)).ms);
      appCpu.second.push(appCpuMs() - cpu);
      archiveCpu.second.push(archiveCpuMs() - archive);
    }
  }
}
const loadAfter = loadavg();

if (profileDir) {
  const d = median(frames.direct);
  console.log(
    `first viewer ${(median(frames.bridge) / d).toFixed(2)}, second viewer ${(median(frames.second) / d).toFixed(2)}; ` +
      `app CPU a pass ${median(appCpu.first)} / ${median(appCpu.second)} ms; archive CPU a pass direct ${median(archiveCpu.direct)}, ` +
      `first viewer ${median(archiveCpu.first)}, second viewer ${median(archiveCpu.second)} ms; runs ${runs(frames.direct)} / ${runs(frames.bridge)} / ${runs(frames.second)}`,
  );
  const profiled = async (name: string, pass: () => Promise<unknown>) => {
    childIn.write('profile start\n');
    if ((await nextLine()) !== 'profiling') throw new Error('the app did not start profiling');
    const [user, system] = [cpuMs(child.pid, 'user'), cpuMs(child.pid, 'system')];
    for (let i = 0; i < ROUNDS; i++) await pass();
    const split = `user ${cpuMs(child.pid, 'user') - user} ms, system ${cpuMs(child.pid, 'system') - system} ms`;
    const file = `${profileDir}/${name}.cpuprofile`;
    childIn.write(`profile stop ${file}\n`);
    if ((await nextLine()) !== 'profiled') throw new Error('the app did not write its profile');
    console.log(
      `\n${name} (${ROUNDS} passes, app CPU ${split}), self time:\n${selfTimeSummary(file).join('\n')}`,
    );
  };
  await profiled('first-viewer', async () => {
    await clearCache();
    await allFrames(viaBridge);
  });
  await profiled('second-viewer', () => allFrames(secondViewer));
  childIn.end();
  await new Promise((done) => child.once('exit', done));
  process.exit(0);
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
  const res = await direct(uri.slice(app.orthanc.dicomWebUrl.length));
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
  await (
    await fetch(`${app.baseUrl}${ecgPath}?format=float32`, {
      headers: { authorization: `Bearer ${tokens.first}` },
    })
  ).arrayBuffer();
  apiMs.push(performance.now() - started);
}

const reportPdf = await reportPdfSection(app, await login('doctor.c1'));

const firstImage = skipBrowser
  ? null
  : await firstImageSection(
      app.baseUrl,
      `/referrals/${app.demo.referralId}?study=${ct.studyInstanceUid}`,
      { username: 'specialist.h1', password: DEMO_PASSWORD },
      ct.sopInstanceUids.length,
      { runs: ROUNDS, wholeSeries: true },
    );

const mb = frames.bytes / 1e6;
const fmt = (n: number) => n.toFixed(1);
const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');
const dMs = median(frames.direct);
const bMs = median(frames.bridge);
const sMs = median(frames.second);
// The browser section of the previous results, when the browser part was skipped this time.
const BROWSER_HEADING = 'Time to first image in the browser';
const file = fileURLToPath(new URL('./results.md', import.meta.url));
const previous = existsSync(file) ? readFileSync(file, 'utf8') : '';
const WIRE_HEADING = 'Bytes of the demo CT on the wire';
const kept = previous.slice(Math.max(0, previous.indexOf(BROWSER_HEADING)));
const browserSection = firstImage ?? [
  kept.slice(0, kept.includes(WIRE_HEADING) ? kept.indexOf(WIRE_HEADING) : undefined).trim(),
];
const lines = [
  `# pacs-bridge benchmark`,
  ``,
  `${new Date().toISOString()}, Node ${process.version}, ${cpus().length} CPUs, load average ${load(loadBefore)} before the frames and ${load(loadAfter)} after ` +
    `(other work shares the machine: compare the ratios, measured within one run). Orthanc, and the app with the bridge in a process of its own, on loopback; ` +
    `${ct.sopInstanceUids.length} CT frames of 512×512×16 bit (${fmt(mb)} MB per pass, ${CONCURRENCY} requests in flight), ` +
    `median of ${ROUNDS} rounds. Each round empties the bridge's response cache, then loads all frames directly and through the bridge as the first viewer (in alternating order), ` +
    `then as a second viewer of the same series (another user with the share, served from the cache). The bridge asks the database on the first request of a burst (writing the audit row) and then trusts the grant for up to 5 s. ` +
    (readAheadOff
      ? `Series read-ahead off (BENCH_READ_AHEAD=0).`
      : `**Series read-ahead is on** (as by default): the first viewer's first frame that misses the cache makes the bridge, after the access check, read frame 1 of the series' other instances into the cache, 4 at a time, while the viewer's own requests go on; the archive's CPU time below shows what that costs it.`),
  ``,
  `| measurement | direct (Orthanc) | via bridge | bridge / direct |`,
  `|---|---|---|---|`,
  `| all frames of the series, first viewer, time | ${fmt(dMs)} ms | ${fmt(bMs)} ms | ${(bMs / dMs).toFixed(2)} |`,
  `| all frames of the series, first viewer, throughput | ${fmt(mb / (dMs / 1000))} MB/s | ${fmt(mb / (bMs / 1000))} MB/s | ${(dMs / bMs).toFixed(2)} |`,
  `| all frames, second viewer of the series (from the cache) | ${fmt(dMs)} ms | ${fmt(sMs)} ms | ${(sMs / dMs).toFixed(2)} |`,
  ...qido.flatMap(([name, d, b]) => [
    `| ${name}, p50 (${QIDO_REQUESTS} requests) | ${fmt(percentile(d, 50))} ms | ${fmt(percentile(b, 50))} ms | ${(percentile(b, 50) / percentile(d, 50)).toFixed(2)} |`,
    `| ${name}, p95 | ${fmt(percentile(d, 95))} ms | ${fmt(percentile(b, 95))} ms | ${(percentile(b, 95) / percentile(d, 95)).toFixed(2)} |`,
  ]),
  ``,
  `Each round's all-frames time, ms: direct ${runs(frames.direct)}; first viewer ${runs(frames.bridge)}; second viewer ${runs(frames.second)}. ` +
    `CPU time of the app process per pass (median, less noisy than wall time on a loaded machine): first viewer ${fmt(median(appCpu.first))} ms, second viewer ${fmt(median(appCpu.second))} ms ` +
    `(${fmt(median(appCpu.first) / ct.sopInstanceUids.length)} and ${fmt(median(appCpu.second) / ct.sopInstanceUids.length)} ms a frame). ` +
    `CPU time of the archive (Orthanc) per pass, median: direct ${fmt(median(archiveCpu.direct))} ms, through the bridge for the first viewer ${fmt(median(archiveCpu.first))} ms, for the second viewer ${fmt(median(archiveCpu.second))} ms.`,
  ``,
  `| ECG (waveform_ecg.dcm: 12 × 10 000 + 12 × 1 200 samples) | median |`,
  `|---|---|`,
  `| decode both multiplex groups | ${fmt(median(decodeMs))} ms |`,
  `| R-peak detection on lead II (10 s at 1 kHz) | ${fmt(median(detectMs))} ms |`,
  `| GET /api/ecg/… ?format=float32, end to end | ${fmt(median(apiMs))} ms |`,
  ``,
  ...reportPdf,
  ``,
  ...browserSection,
  ``,
];
lines.push(
  ...(await wireBytesRows(
    (p, accept) =>
      fetch(`${app.baseUrl}/dicom-web${p}`, { headers: { authorization: `Bearer ${tokens.first}`, accept } }),
    ct,
  )),
);
// Formatted the way the repository's prettier check expects, so a fresh run doesn't fail it.
const table = await format(lines.join('\n'), { ...(await resolveConfig(file)), parser: 'markdown' });
console.log(table);
writeFileSync(file, table);
childIn.end();
await new Promise((done) => child.once('exit', done));
process.exit(0);
