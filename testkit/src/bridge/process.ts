// The app with the bridge, a real Orthanc and a test database, in a process of its own: for tests
// that measure the app's memory, which must not include the test's own buffers. Prints one JSON
// line ({ baseUrl }) when it listens; SIGTERM closes everything (Orthanc's storage included).
import { startBridgeTestApp } from './app';

const t = await startBridgeTestApp({ phantom: { slices: 2, size: 256 } });
process.stdout.write(`${JSON.stringify({ baseUrl: t.baseUrl })}\n`);
process.once('SIGTERM', () => {
  void t.close().then(() => process.exit(0));
});
