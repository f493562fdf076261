// The bench's app (bridge, API, web client) in a process of its own, as in production, so the
// bench's own clients don't share its event loop. Prints one JSON line with what the bench needs
// (its base URL, the demo UIDs, the region archive's DICOMweb root and credentials); a line
// `clear` on stdin empties the bridge's response cache and is answered `cleared`. Started with
// the kit's spawnTied, so it never outlives the bench; SIGTERM closes everything.
import { createInterface } from 'node:readline';
import { ResponseCache } from '../src/cache/responseCache';
import { startBridgeTestApp } from '@tiered-care/testkit/bridge';

export interface BenchApp {
  baseUrl: string;
  /** The test database as its owner (the report PDF step writes its requests there). */
  ownerUrl: string;
  demo: Awaited<ReturnType<typeof startBridgeTestApp>>['demo'];
  orthanc: { dicomWebUrl: string; username: string; password: string };
}

const cache = new ResponseCache({ maxBytes: 256 * 1024 ** 2 });
// No store-back rounds: the report PDF step's requests would be stored meanwhile.
const t = await startBridgeTestApp({
  web: process.argv.includes('--web'),
  bridge: { cache, reportStorePollMs: null },
});
const { dicomWebUrl, username, password } = t.orthanc;
const ready: BenchApp = {
  baseUrl: t.baseUrl,
  ownerUrl: t.db.ownerUrl,
  demo: t.demo,
  orthanc: { dicomWebUrl, username, password },
};
const stop = () => void t.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.stdout.write(`${JSON.stringify(ready)}\n`);
for await (const line of createInterface({ input: process.stdin })) {
  if (line === 'clear') {
    cache.clear();
    process.stdout.write('cleared\n');
  }
}
// stdin closed: the bench is done (or gone).
stop();
