// `npm run bench -w sfu`: real Janus and headless Chromium inside the private network namespace
// testkit/netns-run.sh makes (traffic stays on loopback and namespaces made here). Measures, in
// one run: join-to-first-frame time, Janus CPU per forwarded stream, and a clinic behind 1 Mbit/s
// with and without layer selection. Writes results.md.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { assertPrivateNetns, createClinicHost, PRIVATE_NET, waitFor } from '@tiered-care/testkit';
import { launchBrowser, type LaunchedBrowser } from '@tiered-care/testkit/browser';
import { participantPage, publishCamera } from '@tiered-care/testkit/media';
import { startSfu } from '../src/index';
import { silentLogger } from '../src/logger';
import { clinicRun, clinicTable, type ClinicRun } from './clinic';
import { cpuTable, measureCpu } from './cpu';
import { joinTable, measureJoins } from './join';
import { cpuWindow, fmt, netnsInode, type CpuUse } from './measure';
import { BenchPage } from './page';

// SFU_BENCH_QUICK=1: a short run to check the bench itself; prints, leaves results.md alone.
const QUICK = process.env.SFU_BENCH_QUICK === '1';
const JOINS = QUICK ? 3 : 20;
const JOIN_WARMUP = QUICK ? 1 : 2;
const MAX_SUBSCRIBERS = QUICK ? 4 : 32;
const CLINIC_RATE = '1mbit';
const CLINIC_SECONDS = QUICK ? 8 : 30;
const TOP_LAYER_BPS = 1_000_000;
// Janus's REMB cap is for the publisher's whole simulcast (all three layers): above the default
// 1 Mbit/s so that the top layer itself can reach ~1 Mbit/s, as the clinic scenario asks.
const ROOM_BITRATE = 1_500_000;

assertPrivateNetns();
const startedAt = new Date();
const loadAtStart = loadavg();
const dir = mkdtempSync(join(tmpdir(), 'sfu-bench-'));
const clinic = createClinicHost({ dir, rate: CLINIC_RATE, index: 0 });
const browsers: LaunchedBrowser[] = [];
const log = (line: string) =>
  console.log(`[${((Date.now() - startedAt.getTime()) / 1000).toFixed(0)} s] ${line}`);

const sfu = await startSfu({
  dataDir: join(dir, 'data'),
  env: {
    SFU_ICE_INTERFACES: `${PRIVATE_NET.janusInterface},${clinic.hostInterface}`,
    JANUS_WS_PORT: '18188',
    SFU_ROOM_BITRATE: String(ROOM_BITRATE),
  },
  logger: silentLogger,
});

async function browser(path?: string): Promise<LaunchedBrowser> {
  const b = await launchBrowser(path);
  browsers.push(b);
  return b;
}

try {
  const hospital = await browser();
  const viewers = await browser();
  const room = await sfu.rooms.open('bench-consult');
  const janusPid = () => {
    const pid = sfu.supervisor.pid;
    if (pid === undefined) throw new Error('janus is not running');
    return pid;
  };
  /** CPU use during parts 1 and 3 (part 2 has its own table): the machine is shared. */
  const partCpu: [string, CpuUse][] = [];

  /** A camera publisher whose top layer is really on the wire at 1280 px. */
  const publisher = async (participantId: string): Promise<{ page: BenchPage; feedId: string }> => {
    const peer = await participantPage(hospital.context, () => room, participantId);
    const feedId = await publishCamera(room, peer, participantId);
    const page = await BenchPage.wrap(peer);
    await page.setTopBitrate('camera', TOP_LAYER_BPS);
    await waitFor(`${participantId}'s 1280 px layer`, 30_000, async () => {
      const layers = await peer.outbound('camera');
      return layers.some((l) => l.rid === 'h' && l.frameWidth === 1280 && l.framesPerSecond > 5)
        ? true
        : undefined;
    });
    return { page, feedId };
  };

  const a = await publisher('pub-a');
  log('publisher a is up; part 1: joins');
  const viewerPage = await BenchPage.wrap(await participantPage(viewers.context, () => room, 'joiner'));
  const joinCpu = cpuWindow(janusPid());
  const joins = await measureJoins(room, viewerPage, 'joiner', a.feedId, JOINS, JOIN_WARMUP);
  partCpu.push(['1. joins', joinCpu()]);
  await viewerPage.peer.page.close();
  log(`joins: ${joinTable(joins).slice(2).join(' ')}`);

  const b = await publisher('pub-b');
  log('publisher b is up; part 2: CPU per forwarded stream');
  const cpu = await measureCpu({
    room,
    janusPid,
    context: viewers.context,
    feeds: [a.feedId, b.feedId],
    step: 4,
    maxSubscribers: MAX_SUBSCRIBERS,
    windowMs: 10_000,
    settleMs: 4_000,
    minFps: 10,
    maxShare: 90,
  });
  log(`cpu: ${cpu.stopped}`);
  await viewers.close();

  log('part 3: clinic at 1 Mbit/s');
  const atClinic = await browser(clinic.chromiumPath);
  const gp = await BenchPage.wrap(await participantPage(atClinic.context, () => room, 'gp'));
  const feeds = [a.feedId, b.feedId];
  const runs: ClinicRun[] = [];
  for (const selection of [false, true]) {
    const clinicCpu = cpuWindow(janusPid(), [netnsInode(), netnsInode(`/run/netns/${clinic.name}`)]);
    runs.push(
      await clinicRun({
        room,
        gp,
        participantId: 'gp',
        feeds,
        publishers: [a.page, b.page],
        selection,
        seconds: CLINIC_SECONDS,
        intervalMs: 2000,
      }),
    );
    partCpu.push([`3. clinic, ${selection ? 'with' : 'without'} layer selection`, clinicCpu()]);
    log(`clinic ${selection ? 'with' : 'without'} selection: ${JSON.stringify(runs.at(-1))}`);
    // Let the shaped link's queue drain before the next run.
    await new Promise((r) => setTimeout(r, 3000));
  }

  const loadAtEnd = loadavg();
  const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' / ');
  // The user agent says only "Chrome/156.0.0.0"; the wrapper's --version has the full number.
  const chromium = execFileSync('/usr/bin/chromium', ['--version'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  }).trim();
  const lines = [
    '# sfu benchmark',
    '',
    `${startedAt.toISOString()}, Node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), load average (1/5/15 min) ${load(loadAtStart)} at start, ${load(loadAtEnd)} at the end. Janus (Debian 1.1.2, VideoRoom) and headless ${chromium.split(' built')[0] ?? chromium} (fake camera 1280×720 requested at 30 fps — part 3 shows what each layer really carried —, VP8 simulcast l/m/h at 1/4, 1/2, 1×, top layer capped at ${TOP_LAYER_BPS / 1e6} Mbit/s, room REMB cap ${ROOM_BITRATE / 1e6} Mbit/s) all on this machine, in a private network namespace: **Chromium encoding and decoding shares the same ${cpus().length} cores with Janus**, so every figure below includes that contention. The machine is shared with other work; part 2 shows how much CPU other processes took while it ran.`,
    '',
    '## 1. Join to first remote frame',
    '',
    `One publisher in the room; ${JOINS} times a fresh subscriber peer connection joins (room.subscribe → page answer → room.startSubscription, candidates trickled), after ${JOIN_WARMUP} warm-up joins that are not counted. Each join is closed and unsubscribed before the next. Nearest-rank percentiles.`,
    '',
    ...joinTable(joins),
    '',
    '## 2. Janus CPU per forwarded video stream',
    '',
    `Two publishers; subscriber peer connections added 4 at a time, each viewer page subscribing to both feeds (top layer, video + audio), ${fmt(cpu.rows[0]?.cpu.seconds)} s window after 4 s to settle. Janus CPU is utime+stime of its process from /proc/<pid>/stat, in % of one core (the machine has ${cpus().length * 100} %). Stopped: ${cpu.stopped}. Chromium (the two publishers' encoders and every subscription's decoder) runs on the same ${cpus().length} cores, so at the higher counts Janus competes with it; the "above 0 subscribers" column subtracts what Janus spends receiving the two publishers.`,
    '',
    ...cpuTable(cpu.rows),
    '',
    `## 3. Clinic behind ${CLINIC_RATE}/s: with and without layer selection`,
    '',
    `A subscriber browser in its own namespace behind a ${CLINIC_RATE}/s tbf link (both directions, burst 32 kbit, latency 50 ms) receives both publishers' camera (video + audio), ${CLINIC_SECONDS} s per run, each run with fresh subscriptions starting on layer 2. Without: Janus forwards layer 2 throughout. With: every 2 s the subscriber's loss and decoded fps over the last 2 s go through chooseLayer (DEFAULT_POLICY, msSinceTrouble as signaling tracks it) and the answer through room.applyLayer. Figures are over the whole run, in brackets over the last ${fmt(runs[0]?.tail.seconds)} s. Freezes are Chromium's inbound-rtp freezeCount / totalFreezesDuration.`,
    '',
    ...clinicTable(runs, feeds),
    '',
    '## CPU during parts 1 and 3',
    '',
    `% of one core (the machine has ${cpus().length * 100} %). Chromium counts every browser of this run, the clinic's included; "other processes" is everything else on the shared machine.`,
    '',
    '| part | seconds | Janus % | Chromium % | other processes % |',
    '|---|--:|--:|--:|--:|',
    ...partCpu.map(
      ([part, c]) =>
        `| ${part} | ${fmt(c.seconds)} | ${fmt(c.janus, 1)} | ${fmt(c.chromium)} | ${fmt(c.others)} |`,
    ),
    '',
  ];
  // Formatted the way the repository's prettier check expects, so a fresh run doesn't fail it.
  const file = fileURLToPath(new URL('./results.md', import.meta.url));
  const text = await format(lines.join('\n'), { ...(await resolveConfig(file)), parser: 'markdown' });
  if (!QUICK) writeFileSync(file, text);
  console.log(text);
} finally {
  for (const b of browsers) await b.close();
  await sfu.stop();
  clinic.remove();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
