// Test helper: two real Orthancs (../orthanc.ts) on random loopback ports in a temp folder, as
// in `npm start`: the region's archive with the demo images, and H1's own PACS; the real app with
// the bridge mounted on a fresh test database from the shared harness; with `web`, the built web
// client too (browser tests, bench).
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { Express } from 'express';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import {
  createPacsBridge,
  loadDemoStudies,
  pacsHealthCheck,
  type DemoStudies,
  type PacsBridgeOptions,
  type PhantomOptions,
} from '@tiered-care/pacs-bridge';
import { createApp, createServices, type Services } from '@tiered-care/referral-api';
import { DEMO_PASSWORD } from '../demo';
import { createTestDatabase, type TestDatabase } from '../harness/testApp';
import { freeLoopbackPort, startOrthanc, type Orthanc } from '../orthanc';
import { ensureWebBuild, serveWebClient, WEB_DIST } from '../webClient';

export interface BridgeTestApp {
  baseUrl: string;
  db: TestDatabase;
  services: Services;
  /** The region's archive: the demo studies and every clinic upload. */
  orthanc: Orthanc;
  /** H1's own PACS (starts empty). */
  ownPacs: Orthanc;
  demo: DemoStudies;
  server: Server;
  login: (username: string) => Promise<string>;
  /** fetch against the app with an optional bearer token. */
  fetch: (path: string, init?: RequestInit & { token?: string }) => Promise<Response>;
  /** fetch straight to the region archive's DICOMweb root, with its credentials. */
  direct: (path: string, init?: RequestInit) => Promise<Response>;
  /** The same, to H1's own PACS. */
  directOwn: (path: string, init?: RequestInit) => Promise<Response>;
  close: () => Promise<void>;
}

export interface BridgeTestOptions {
  phantom?: PhantomOptions;
  bridge?: PacsBridgeOptions;
  /** Serve the built web client (built first when its sources are newer). */
  web?: boolean;
  /** Enforce the content security policy (by default report-only, for the browser drivers). */
  enforceCsp?: boolean;
  /** Both archives keep images as received (another vendor's PACS), not as JPEG-LS (see ../orthanc). */
  storeAsReceived?: boolean;
}

/** The app's services on a test database (the caller ends `services.pool`). */
export function testServices(db: TestDatabase): Services {
  return createServices({
    PORT: 0,
    HOST: '127.0.0.1',
    DATABASE_URL: db.appUrl,
    MIGRATION_DATABASE_URL: db.appUrl,
    AUTH_SECRET: db.secrets.AUTH_SECRET,
    DATA_KEY: db.secrets.DATA_KEY,
    TOKEN_TTL_SECONDS: 3600,
    LOG_LEVEL: (process.env.TEST_LOG_LEVEL as 'silent' | undefined) ?? 'silent',
    TRUST_PROXY: 0,
  });
}

export async function startBridgeTestApp(options: BridgeTestOptions = {}): Promise<BridgeTestApp> {
  const dir = mkdtempSync(`${tmpdir()}/pacs-bridge-test-`);
  const storeAsReceived = options.storeAsReceived ?? false;
  // Two archives, started together (each answers within a second or so).
  const [orthanc, ownPacs, db] = await Promise.all([
    freeLoopbackPort().then((port) => startOrthanc(`${dir}/region`, { port, storeAsReceived })),
    freeLoopbackPort().then((port) => startOrthanc(`${dir}/h1`, { port, storeAsReceived })),
    createTestDatabase(),
  ]);
  const services = testServices(db);
  const demo = await loadDemoStudies(
    db.ownerUrl,
    services,
    { h1: ownPacs, region: orthanc },
    options.phantom,
  );
  const bridge = createPacsBridge(services, options.bridge);
  // A copy of the build, so another process rebuilding dist/ meanwhile can't break the pages.
  const webDist = `${dir}/web`;
  if (options.web) {
    ensureWebBuild(() => undefined);
    cpSync(WEB_DIST, webDist, { recursive: true, filter: (src) => !src.endsWith('.map') });
  }
  const extend = (app: Express) => {
    bridge.appOptions.extend(app);
    if (options.web) serveWebClient(app, webDist);
  };
  const server = createServer(
    createApp(services, {
      ...bridge.appOptions,
      extend,
      health: [pacsHealthCheck(ownPacs), pacsHealthCheck(orthanc, 'pacs-region')],
      // Browser drivers evaluate code in the page, which the enforced policy forbids.
      cspReportOnly: !options.enforceCsp,
      checkResponses: true,
    }),
  );
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const tokens = new Map<string, string>();
  const appFetch: BridgeTestApp['fetch'] = (path, init = {}) => {
    const { token, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (token) headers.set('authorization', `Bearer ${token}`);
    return fetch(baseUrl + path, { ...rest, headers });
  };
  const login = async (username: string) => {
    const cached = tokens.get(username);
    if (cached) return cached;
    const res = await appFetch('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    });
    const body = (await res.json()) as { token?: string };
    if (!res.ok || !body.token) throw new Error(`login ${username} failed: ${res.status}`);
    tokens.set(username, body.token);
    return body.token;
  };
  const directTo =
    (o: Orthanc): BridgeTestApp['direct'] =>
    (path, init = {}) => {
      const headers = new Headers(init.headers);
      headers.set('authorization', `Basic ${Buffer.from(`${o.username}:${o.password}`).toString('base64')}`);
      return fetch(o.dicomWebUrl + path, { ...init, headers });
    };

  return {
    baseUrl,
    db,
    services,
    orthanc,
    ownPacs,
    demo,
    server,
    login,
    fetch: appFetch,
    direct: directTo(orthanc),
    directOwn: directTo(ownPacs),
    close: async () => {
      await bridge.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      await services.pool.end();
      await db.drop();
      await Promise.all([orthanc.stop(), ownPacs.stop()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
