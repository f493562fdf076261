// Test harness: a real PostgreSQL, a fresh database per test file (copied from a migrated,
// seeded template in milliseconds), and the real app on an ephemeral loopback port.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import pg from 'pg';
import { createApp, createServices, migrate, seedDemo, type Services } from '@tiered-care/referral-api';
import { attachSignaling, type MediaBackend, type Signaling } from '@tiered-care/signaling';
import { DEMO_PASSWORD } from '../demo';
import { ensureDatabase, startCluster, type Cluster } from '../postgres';
import { randomSecrets, type Secrets } from '../secrets';
import { ensureWebBuild, serveWebClient } from '../webClient';

export const TEMPLATE_DB = 'referral_template';

/** Set by scripts/test.ts for the whole run; a test file run alone makes its own cluster. */
interface RunEnv {
  root: string;
  port: number;
  secrets: Secrets;
}

function runEnv(): RunEnv | null {
  const { TEST_PG_ROOT, TEST_PG_PORT, TEST_AUTH_SECRET, TEST_DATA_KEY } = process.env;
  if (!TEST_PG_ROOT || !TEST_PG_PORT || !TEST_AUTH_SECRET || !TEST_DATA_KEY) return null;
  return {
    root: TEST_PG_ROOT,
    port: Number(TEST_PG_PORT),
    secrets: { AUTH_SECRET: TEST_AUTH_SECRET, DATA_KEY: TEST_DATA_KEY },
  };
}

/** Migrates and seeds the template database that every test database is copied from. */
export async function prepareTemplate(cluster: Cluster, secrets: Secrets): Promise<void> {
  const { ownerUrl, appUrl } = await ensureDatabase(cluster, TEMPLATE_DB);
  await migrate(ownerUrl);
  const services = makeServices(appUrl, secrets);
  try {
    await seedDemo(ownerUrl, services);
  } finally {
    await services.pool.end();
  }
}

function makeServices(appUrl: string, secrets: Secrets): Services {
  return createServices({
    PORT: 0,
    HOST: '127.0.0.1',
    DATABASE_URL: appUrl,
    MIGRATION_DATABASE_URL: appUrl,
    AUTH_SECRET: secrets.AUTH_SECRET,
    DATA_KEY: secrets.DATA_KEY,
    TOKEN_TTL_SECONDS: 3600,
    // Revocations reach every check within a second, so tests need not wait.
    SESSION_CHECK_SECONDS: 1,
    LOG_LEVEL: (process.env.TEST_LOG_LEVEL as 'silent' | undefined) ?? 'silent',
    TRUST_PROXY: 0,
  });
}

/** A cluster with a prepared template, stopped when this process exits. */
async function newCluster(firstPort: number): Promise<{ cluster: Cluster; secrets: Secrets }> {
  const root = mkdtempSync(`${tmpdir()}/referral-test-`);
  const port = firstPort + Math.floor(Math.random() * 2000);
  const cluster = startCluster(root, port);
  const secrets = randomSecrets();
  await prepareTemplate(cluster, secrets);
  process.once('exit', () => cluster.stop());
  return { cluster, secrets };
}

let standalone: Promise<{ cluster: Cluster; secrets: Secrets }> | undefined;
async function clusterForRun(): Promise<{ cluster: Cluster; secrets: Secrets }> {
  const env = runEnv();
  if (env) return { cluster: startCluster(env.root, env.port), secrets: env.secrets };
  standalone ??= newCluster(56000);
  return standalone;
}

export interface TestDatabase {
  name: string;
  ownerUrl: string;
  appUrl: string;
  adminUrl: string;
  secrets: Secrets;
  drop: () => Promise<void>;
}

export async function createTestDatabase(own = false): Promise<TestDatabase & { cluster: Cluster }> {
  // A test that restarts or stops its database gets a cluster of its own, not the run's.
  const { cluster, secrets } = own ? await newCluster(58000) : await clusterForRun();
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: cluster.adminUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB} OWNER referral_owner`);
  } finally {
    await admin.end();
  }
  return {
    name,
    ownerUrl: cluster.urlFor('referral_owner', name),
    appUrl: cluster.urlFor('referral_app', name),
    adminUrl: cluster.adminUrl(name),
    secrets,
    cluster,
    drop: async () => {
      const c = new pg.Client({ connectionString: cluster.adminUrl() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface TestApp {
  db: TestDatabase & { cluster: Cluster };
  services: Services;
  baseUrl: string;
  server: Server;
  signaling: Signaling;
  /** Signs a demo user in and returns the bearer token. */
  login: (username: string) => Promise<string>;
  /** JSON request helper: returns status and parsed body. */
  call: <T = any>(
    method: string,
    path: string,
    opts?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ) => Promise<{ status: number; body: T; headers: Headers }>;
  close: () => Promise<void>;
}

export interface TestAppOptions {
  /** Serve the built web client too (browser tests). */
  web?: boolean;
  /** Janus rooms for consult room video (media tests run inside a network namespace). */
  media?: MediaBackend;
  /**
   * Listen address. Media tests listen on every address of their private namespace, so a
   * browser in a clinic namespace reaches the app across its shaped link.
   */
  host?: string;
  /** A PostgreSQL cluster of this app's own (tests that restart or stop the database). */
  ownCluster?: boolean;
  /** Check every response against its schema (default on; benchmarks run as production does, off). */
  checkResponses?: boolean;
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const db = await createTestDatabase(options.ownCluster);
  const services = makeServices(db.appUrl, db.secrets);
  if (options.web) ensureWebBuild(() => undefined);
  // Browser drivers evaluate code in the page; tests/security/headers.test.ts checks the
  // enforced policy with the bridge app.
  const server = createServer(
    createApp(services, {
      checkResponses: options.checkResponses ?? true,
      ...(options.web ? { extend: serveWebClient, cspReportOnly: true } : {}),
    }),
  );
  const signaling = attachSignaling(server, services, {
    listenUrl: db.appUrl,
    media: options.media,
    checkResponses: options.checkResponses ?? true,
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const baseUrl = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${(server.address() as AddressInfo).port}`;
  const tokens = new Map<string, string>();

  const call: TestApp['call'] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.body !== undefined) headers['content-type'] ??= 'application/json';
    const res = await fetch(baseUrl + path, {
      method,
      headers,
      body:
        opts.body === undefined
          ? undefined
          : typeof opts.body === 'string'
            ? opts.body
            : JSON.stringify(opts.body),
    });
    const text = await res.text();
    let body: unknown = text;
    if (res.headers.get('content-type')?.includes('json') && text) body = JSON.parse(text);
    return { status: res.status, body: body as never, headers: res.headers };
  };

  const login = async (username: string) => {
    const cached = tokens.get(username);
    if (cached) return cached;
    const res = await call<{ token: string }>('POST', '/api/auth/login', {
      body: { username, password: DEMO_PASSWORD },
    });
    if (res.status !== 200)
      throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    tokens.set(username, res.body.token);
    return res.body.token;
  };

  return {
    db,
    services,
    baseUrl,
    server,
    signaling,
    login,
    call,
    close: async () => {
      await signaling.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await services.pool.end();
      await db.drop();
      if (options.ownCluster) db.cluster.stop();
    },
  };
}
