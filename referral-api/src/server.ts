// Starts referral-api alone (a region scaling out runs several behind a load balancer):
// configuration from the environment, migrations, then HTTP.
import { createServer } from 'node:http';
import { createApp } from './app';
import { checkResponses, loadConfig } from './config';
import { createServices } from './createServices';
import { assertRlsApplies } from './db/rls';
import { migrate } from './db/migrate';

const config = loadConfig();
const services = createServices(config);
await migrate(config.MIGRATION_DATABASE_URL);
await assertRlsApplies(services.pool);
const server = createServer(
  createApp(services, { trustProxy: config.TRUST_PROXY, checkResponses: checkResponses(config) }),
);
server.listen(config.PORT, config.HOST, () =>
  services.log.info({ port: config.PORT }, 'referral-api listening'),
);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close();
    void services.pool.end();
  });
}
