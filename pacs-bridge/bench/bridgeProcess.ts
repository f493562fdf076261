// The bench's app (bridge, API, web client) in a process of its own, as in production, so the
// bench's own clients don't share its event loop. Prints one JSON line with what the bench needs
// (its base URL, the demo UIDs, the region archive's DICOMweb root and credentials); a line
// `clear` on stdin empties the bridge's response cache and is answered `cleared`; `profile start`
// and `profile stop FILE` take a CPU profile of this process (answered `profiling` and `profiled`),
// so a profile shows the frames alone, not the start-up. Started with
// the kit's spawnTied, so it never outlives the bench; SIGTERM closes everything.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { createInterface } from 'node:readline';
import { ResponseCache } from '../src/cache/responseCache';
import { startBridgeTestApp } from '@tiered-care/testkit/bridge';

export interface BenchApp {
  baseUrl: string;
  /** The test database as its owner (the report PDF step writes its requests there). */
  ownerUrl: string;
  demo: Awaited<ReturnType<typeof startBridgeTestApp>>['demo'];
  orthanc: { dicomWebUrl: string; username: string; password: string };
  /** The region archive's process, to count the CPU time it spends (0 when unknown). */
  orthancPid: number;
}

const cache = new ResponseCache({ maxBytes: 256 * 1024 ** 2 });
// No store-back rounds: the report PDF step's requests would be stored meanwhile.
// BENCH_READ_AHEAD=0 measures the bridge without its series read-ahead.
const seriesReadAhead = process.env.BENCH_READ_AHEAD === '0' ? 0 : undefined;
const t = await startBridgeTestApp({
  web: process.argv.includes('--web'),
  bridge: { cache, reportStorePollMs: null, ...(seriesReadAhead === undefined ? {} : { seriesReadAhead }) },
});
const { dicomWebUrl, username, password } = t.orthanc;
const pidFile = `${t.orthanc.dataDir}/orthanc.pid`;
const ready: BenchApp = {
  baseUrl: t.baseUrl,
  ownerUrl: t.db.ownerUrl,
  demo: t.demo,
  orthanc: { dicomWebUrl, username, password },
  orthancPid: existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8')) : 0,
};
const stop = () => void t.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.stdout.write(`${JSON.stringify(ready)}\n`);
const inspector = new Session();
for await (const line of createInterface({ input: process.stdin })) {
  if (line === 'clear') {
    cache.clear();
    process.stdout.write('cleared\n');
  } else if (line === 'profile start') {
    inspector.connect();
    await inspector.post('Profiler.enable');
    await inspector.post('Profiler.start');
    process.stdout.write('profiling\n');
  } else if (line.startsWith('profile stop ')) {
    const { profile } = await inspector.post('Profiler.stop');
    inspector.disconnect();
    writeFileSync(line.slice('profile stop '.length), JSON.stringify(profile));
    process.stdout.write('profiled\n');
  }
}
// stdin closed: the bench is done (or gone).
stop();
