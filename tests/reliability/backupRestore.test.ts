// Backup and restore: a loaded system (as `npm start` builds it: its own cluster, Orthanc with the
// demo studies, secrets in DATA_DIR) gets data through the API, `npm run backup` copies it while it
// runs, `npm run restore` puts it into another, empty DATA_DIR, and the restored system has the
// same rows, the same studies (SOP Instance UID and sha256 of each file) and working logins.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { identityCheckChar } from '@tiered-care/common';
import pg from 'pg';
import { createApp, createServices, migrate, seedDemo, type Services } from '@tiered-care/referral-api';
import { loadDemoStudies } from '@tiered-care/pacs-bridge';
import {
  ensureDatabase,
  freeLoopbackPort,
  instanceFile,
  loadOrCreateSecrets,
  sha256,
  startCluster,
  startOrthanc,
  storedInstances,
  type Cluster,
  type Manifest,
  type Orthanc,
} from '@tiered-care/testkit';
import { DEMO_PASSWORD } from '@tiered-care/testkit/harness';

const ROOT = new URL('../../', import.meta.url).pathname;
const root = mkdtempSync(join(tmpdir(), 'backup-restore-'));
chmodSync(root, 0o755); // the clusters' owner, postgres, must reach their folders
after(() => rmSync(root, { recursive: true, force: true }));
const PASSPHRASE = 'correct horse battery staple';

interface System {
  cluster: Cluster;
  /** The region archive and H1's own PACS, as `npm start` runs them. */
  orthanc: Orthanc;
  hospitalPacs: Orthanc;
  services: Services;
  ownerUrl: string;
  call: (
    method: string,
    path: string,
    token?: string,
    body?: unknown,
  ) => Promise<{ status: number; body: any }>;
  login: (username: string) => Promise<string>;
  stop: () => Promise<void>;
}

/** What scripts/start.ts does, minus Janus and the web client. */
async function startSystem(dataDir: string, pgPort: number): Promise<System> {
  mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  const cluster = startCluster(`${dataDir}/postgres`, pgPort);
  const { ownerUrl, appUrl } = await ensureDatabase(cluster, 'referral');
  const secrets = loadOrCreateSecrets(`${dataDir}/secrets.json`);
  const services = createServices({
    PORT: 0,
    HOST: '127.0.0.1',
    DATABASE_URL: appUrl,
    MIGRATION_DATABASE_URL: ownerUrl,
    AUTH_SECRET: secrets.AUTH_SECRET,
    DATA_KEY: secrets.DATA_KEY,
    TOKEN_TTL_SECONDS: 3600,
    LOG_LEVEL: 'silent',
    TRUST_PROXY: 0,
  });
  await migrate(ownerUrl);
  await seedDemo(ownerUrl, services);
  const [orthanc, hospitalPacs] = await Promise.all([
    startOrthanc(`${dataDir}/orthanc`, { port: await freeLoopbackPort() }),
    startOrthanc(`${dataDir}/orthanc-h1`, { port: await freeLoopbackPort() }),
  ]);
  await loadDemoStudies(ownerUrl, services, { h1: hospitalPacs, region: orthanc }, { slices: 4, size: 256 });
  const server: Server = createServer(createApp(services));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const call: System['call'] = async (method, path, token, body) => {
    const res = await fetch(base + path, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined
          ? {}
          : { 'content-type': 'application/json', 'idempotency-key': randomUUID() }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  };
  return {
    cluster,
    orthanc,
    hospitalPacs,
    services,
    ownerUrl,
    call,
    login: async (username) => {
      const res = await call('POST', '/api/auth/login', undefined, { username, password: DEMO_PASSWORD });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return res.body.token as string;
    },
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      await services.pool.end();
      await Promise.all([orthanc.stop(), hospitalPacs.stop()]);
      cluster.stop();
    },
  };
}

/** Rows to compare, read as the owner: ids of referrals and patients, the audit trail's size. */
async function rows(ownerUrl: string) {
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    const ids = async (sql: string) => (await owner.query<{ id: string }>(sql)).rows.map((r) => r.id);
    return {
      referrals: await ids('SELECT id FROM referrals ORDER BY id'),
      patients: await ids('SELECT id FROM patients ORDER BY id'),
      audit: await ids('SELECT id::text AS id FROM audit_log ORDER BY id'),
      events: await ids('SELECT id::text AS id FROM referral_events ORDER BY id'),
    };
  } finally {
    await owner.end();
  }
}

async function studies(orthanc: Orthanc): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for await (const i of storedInstances(orthanc))
    out[i.sopInstanceUid] = sha256(await instanceFile(orthanc, i.id));
  return out;
}

function run(script: string, args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; output: string }>((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, script), ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.once('exit', (code) => done({ code, output }));
  });
}

test(
  'a running system backed up, restored into an empty DATA_DIR and given a new DATA_KEY has the same rows, studies and logins',
  { timeout: 300_000 },
  async () => {
    const [dataA, dataB, backup] = ['a', 'b', 'backup'].map((d) => join(root, d)) as [string, string, string];
    const portA = 21_000 + Math.floor(Math.random() * 500);
    const portB = portA + 500;
    const a = await startSystem(dataA, portA);
    const first17 = '44030519790915321';
    const idNumber = first17 + identityCheckChar(first17);
    let patientId: string;
    let before: Awaited<ReturnType<typeof rows>>;
    let studiesBefore: Record<string, string>;
    try {
      const doctor = await a.login('doctor.c1');
      const patient = await a.call('POST', '/api/patients', doctor, {
        name: '诸葛安康',
        gender: 'male',
        birthDate: '1979-09-15',
        idNumber,
      });
      assert.equal(patient.status, 201, JSON.stringify(patient.body));
      patientId = patient.body.id;
      const institutions = await a.call('GET', '/api/institutions', doctor);
      const h1 = institutions.body.institutions.find((i: { code: string }) => i.code === 'H1');
      const referral = await a.call('POST', '/api/referrals', doctor, {
        patientId,
        toInstitutionId: h1.id,
        type: 'inpatient',
        priority: 'urgent',
        reason: '胸痛待查',
        diagnosis: { code: 'I20.0', text: '不稳定型心绞痛' },
        summary: '胸闷3天。',
      });
      assert.equal(referral.status, 201, JSON.stringify(referral.body));
      before = await rows(a.ownerUrl);
      studiesBefore = await studies(a.orthanc);
      assert.ok(Object.keys(studiesBefore).length >= 7, 'demo studies stored');

      const env = { DATA_DIR: dataA, PG_PORT: String(portA) };
      const refused = await run('scripts/backup.ts', [backup], { ...env, BACKUP_PASSPHRASE: '' });
      assert.equal(refused.code, 1);
      assert.match(refused.output, /BACKUP_PASSPHRASE/);
      const made = await run('scripts/backup.ts', [backup], { ...env, BACKUP_PASSPHRASE: PASSPHRASE });
      assert.equal(made.code, 0, made.output);
    } finally {
      await a.stop();
    }
    // A stopped system backs up too (the script starts and stops the cluster and Orthanc itself).
    const stopped = join(root, 'backup-stopped');
    const offline = await run('scripts/backup.ts', [stopped], {
      DATA_DIR: dataA,
      PG_PORT: String(portA),
      BACKUP_PASSPHRASE: PASSPHRASE,
    });
    assert.equal(offline.code, 0, offline.output);
    const instances = (dir: string) =>
      (JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest).pacs.map((p) => p.instances);
    assert.deepEqual(instances(stopped), instances(backup));

    mkdirSync(dataB);
    writeFileSync(join(dataB, 'stray'), 'x');
    const envB = { DATA_DIR: dataB, PG_PORT: String(portB), BACKUP_PASSPHRASE: PASSPHRASE };
    const notEmpty = await run('scripts/restore.ts', [backup], envB);
    assert.equal(notEmpty.code, 1);
    assert.match(notEmpty.output, /not empty/);
    rmSync(dataB, { recursive: true });
    const wrong = await run('scripts/restore.ts', [backup], {
      ...envB,
      BACKUP_PASSPHRASE: 'not the passphrase',
    });
    assert.equal(wrong.code, 1);
    assert.match(wrong.output, /does not open/);
    const restored = await run('scripts/restore.ts', [backup], envB);
    assert.equal(restored.code, 0, restored.output);
    // An operator who restores after a leak also rotates DATA_KEY before starting again.
    const keyBefore = loadOrCreateSecrets(join(dataB, 'secrets.json')).DATA_KEY;
    const rotated = await run('scripts/rotateDataKey.ts', ['--new-key'], envB);
    assert.equal(rotated.code, 0, rotated.output);
    const keysAfter = loadOrCreateSecrets(join(dataB, 'secrets.json'));
    assert.notEqual(keysAfter.DATA_KEY, keyBefore);
    assert.deepEqual(keysAfter.DATA_KEYS_PREVIOUS, [], 'the old key is gone once everything is re-sealed');

    const b = await startSystem(dataB, portB);
    try {
      assert.deepEqual(await rows(b.ownerUrl), before, 'the same referrals, patients, events and audit rows');
      assert.deepEqual(await studies(b.orthanc), studiesBefore, 'the same instances, byte for byte');
      const doctor = await b.login('doctor.c1');
      const found = await b.call('GET', `/api/patients?q=${idNumber}`, doctor);
      assert.deepEqual(
        found.body.map((p: { id: string }) => p.id),
        [patientId],
        'found by identity number (lookup hash recomputed under the new key)',
      );
      const owner = new pg.Client({ connectionString: b.ownerUrl });
      await owner.connect();
      const enc = await owner.query<{ enc: Buffer }>(
        'SELECT id_number_enc AS enc FROM patients WHERE id = $1',
        [patientId],
      );
      await owner.end();
      assert.equal(b.services.crypto.decrypt(enc.rows[0]?.enc ?? Buffer.alloc(0)), idNumber);
    } finally {
      await b.stop();
    }
  },
);
