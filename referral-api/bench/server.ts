// The app under test, in its own process (as in production), so the load generator's fetch and
// JSON work does not run on the server's event loop and inflate its latencies. Started by
// run.ts with fork(); it talks to the parent over the IPC channel only.
import { startTestApp } from '@tiered-care/testkit/harness';
import { countStatements, type StatementCount } from './count';

export type ToServer = { type: 'count' } | { type: 'close' };
export type FromServer =
  | { type: 'ready'; baseUrl: string; ownerUrl: string; appUrl: string }
  | { type: 'count'; statements: StatementCount }
  | { type: 'closed' };

const send = (m: FromServer) => {
  if (process.connected) process.send?.(m);
};

// LOG_LEVEL of the harness's services: a logger writing per request would be measured too.
process.env.TEST_LOG_LEVEL = 'silent';
// Responses unchecked, as in production (NODE_ENV=production): the raw path does not check them either.
const app = await startTestApp({ checkResponses: false });
const statements = countStatements(app.services.pool);

let closing: Promise<void> | undefined;
const close = () =>
  (closing ??= (async () => {
    await app.close();
    send({ type: 'closed' });
    // Without the channel nothing keeps this process alive: it exits by itself.
    if (process.connected) process.disconnect();
  })());

process.on('message', (m: ToServer) => {
  if (m.type === 'count') send({ type: 'count', statements: statements() });
  else void close();
});
// The parent went away (crashed or was killed): drop the database and leave anyway.
process.on('disconnect', () => void close());

send({ type: 'ready', baseUrl: app.baseUrl, ownerUrl: app.db.ownerUrl, appUrl: app.db.appUrl });
