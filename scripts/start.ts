// `npm start`: the whole system on one machine with the demo data. Without DATABASE_URL it runs
// its own PostgreSQL cluster under DATA_DIR; Ctrl-C stops everything it started.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  assertRlsApplies,
  checkResponses,
  createApp,
  createServices,
  loadConfig,
  migrate,
  seedDemo,
} from '@tiered-care/referral-api';
import {
  bridgeOptionsFromEnv,
  createPacsBridge,
  loadDemoStudies,
  pacsHealthCheck,
} from '@tiered-care/pacs-bridge';
import { startSfu } from '@tiered-care/sfu';
import { attachSignaling, sfuMedia } from '@tiered-care/signaling';
import {
  applySecrets,
  createAppServer,
  ensureDatabase,
  ensureWebBuild,
  loadOrCreateSecrets,
  serveWebClient,
  startCluster,
  startOrthanc,
  type Cluster,
} from '@tiered-care/testkit';

const dataDir = resolve(process.env.DATA_DIR ?? '.data');
mkdirSync(dataDir, { recursive: true });

let cluster: Cluster | null = null;
if (!process.env.DATABASE_URL) {
  cluster = startCluster(`${dataDir}/postgres`, Number(process.env.PG_PORT ?? 54329));
  const urls = await ensureDatabase(cluster, 'referral');
  process.env.DATABASE_URL = urls.appUrl;
  process.env.MIGRATION_DATABASE_URL = urls.ownerUrl;
}
const secrets = loadOrCreateSecrets(`${dataDir}/secrets.json`);
applySecrets(secrets);

const config = loadConfig();
const services = createServices(config);
const log = services.log.child({ module: 'start' });
const { applied } = await migrate(config.MIGRATION_DATABASE_URL);
if (applied.length) log.info({ applied }, 'migrations applied');
await assertRlsApplies(services.pool);
const { seeded } = await seedDemo(config.MIGRATION_DATABASE_URL, services);
if (seeded) log.info('demo data loaded (password Demo@2026 for every demo user)');

// The dev/demo archives (a region points PACS endpoints at its own), two servers because one
// archive has one owner: the region's upload archive, holding the demo studies the clinic
// "uploaded" and shared to the demo referral (the folder earlier versions used for everything,
// so uploads stay where their claims say), and H1's own PACS. Started together.
const [orthanc, hospitalPacs] = await Promise.all([
  startOrthanc(`${dataDir}/orthanc`, { port: Number(process.env.ORTHANC_PORT ?? 8042) }),
  startOrthanc(`${dataDir}/orthanc-h1`, { port: Number(process.env.HOSPITAL_ORTHANC_PORT ?? 8043) }),
]);
await loadDemoStudies(config.MIGRATION_DATABASE_URL, services, { h1: hospitalPacs, region: orthanc });
const bridge = createPacsBridge(services, bridgeOptionsFromEnv());
// Janus, supervised; its API listens on loopback only.
const sfu = await startSfu({ dataDir: `${dataDir}/sfu`, logger: services.log.child({ module: 'sfu' }) });

ensureWebBuild((msg) => log.info(msg));
const { server, tls } = createAppServer(
  createApp(services, {
    trustProxy: config.TRUST_PROXY,
    checkResponses: checkResponses(config),
    health: [pacsHealthCheck(hospitalPacs), pacsHealthCheck(orthanc, 'pacs-region'), sfu.health],
    routes: bridge.appOptions.routes,
    beforeApi: bridge.appOptions.beforeApi,
    extend: (app) => {
      bridge.appOptions.extend(app);
      serveWebClient(app);
    },
  }),
);
const signaling = attachSignaling(server, services, {
  listenUrl: config.DATABASE_URL,
  checkResponses: checkResponses(config),
  media: sfuMedia(sfu, `${dataDir}/recordings`),
});
server.listen(config.PORT, config.HOST, () => {
  const url = `${tls ? 'https' : 'http'}://${config.HOST}:${config.PORT}`;
  log.info({ url }, 'tiered-care is running; Ctrl-C stops it');
});

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'stopping');
  await signaling.close();
  await bridge.close();
  server.closeAllConnections();
  await new Promise<void>((done) => server.close(() => done()));
  await services.pool.end();
  await sfu.stop();
  await Promise.all([orthanc.stop(), hospitalPacs.stop()]);
  cluster?.stop();
  process.exit(0);
}
process.once('SIGINT', () => void stop('SIGINT'));
process.once('SIGTERM', () => void stop('SIGTERM'));
