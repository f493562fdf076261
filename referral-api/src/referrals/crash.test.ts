// A server process killed in the middle of a transition leaves nothing half-written: the
// status change, its event and its audit row commit together or not at all.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createTestDatabase, DEMO_PASSWORD, type TestDatabase } from '@tiered-care/testkit/harness';

const SERVER = fileURLToPath(new URL('../server.ts', import.meta.url));
let db: TestDatabase;
let admin: pg.Client;
let child: ChildProcess | null = null;

before(async () => {
  db = await createTestDatabase();
  admin = new pg.Client({ connectionString: db.adminUrl });
  await admin.connect();
  // Let a backend notice its client is gone while a query still runs, as production should.
  await admin.query(`ALTER DATABASE ${db.name} SET client_connection_check_interval = '100ms'`);
});
after(async () => {
  child?.kill('SIGKILL');
  await admin.end();
  await db.drop();
});

async function waitFor<T>(what: string, fn: () => Promise<T | null | undefined>, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const v = await fn().catch(() => null);
    if (v) return v;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

test('killing the server mid-transition leaves the referral, its history and the audit trail unchanged', async () => {
  const { rows } = await admin.query<{ id: string; version: number }>(
    `SELECT id, version FROM referrals WHERE status = 'submitted' LIMIT 1`,
  );
  const referral = rows[0]!;
  const before = await admin.query(
    `SELECT
      (SELECT count(*) FROM referral_events WHERE referral_id = $1)::int AS events,
      (SELECT count(*) FROM audit_log WHERE referral_id = $1)::int AS audits`,
    [referral.id],
  );

  // Hold the transaction open after the referral row has been updated: the event insert waits.
  await admin.query(`CREATE FUNCTION slow_event() RETURNS trigger LANGUAGE plpgsql AS
    $$ BEGIN PERFORM pg_sleep(60); RETURN NEW; END $$`);
  await admin.query(
    'CREATE TRIGGER slow_event BEFORE INSERT ON referral_events FOR EACH ROW EXECUTE FUNCTION slow_event()',
  );

  const port = 20000 + Math.floor(Math.random() * 20000);
  child = spawn(process.execPath, ['--import', 'tsx', SERVER], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: db.appUrl,
      MIGRATION_DATABASE_URL: db.ownerUrl,
      AUTH_SECRET: db.secrets.AUTH_SECRET,
      DATA_KEY: db.secrets.DATA_KEY,
      LOG_LEVEL: 'silent',
    },
    stdio: 'ignore',
  });
  const base = `http://127.0.0.1:${port}`;
  await waitFor('the server', async () => (await fetch(`${base}/healthz`)).ok);
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'coordinator.h1', password: DEMO_PASSWORD }),
  });
  const { token } = (await login.json()) as { token: string };

  const pending = fetch(`${base}/api/referrals/${referral.id}/actions/accept`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ version: referral.version }),
  }).catch(() => 'connection lost');

  // The referral UPDATE has run (uncommitted) once the event insert is sleeping.
  await waitFor('the transition to be in flight', async () => {
    const r = await admin.query(
      `SELECT 1 FROM pg_stat_activity WHERE wait_event = 'PgSleep' AND datname = $1`,
      [db.name],
    );
    return r.rowCount ? true : null;
  });
  child.kill('SIGKILL');
  assert.equal(await pending, 'connection lost');
  await waitFor('the orphaned transaction to end', async () => {
    const r = await admin.query(
      `SELECT 1 FROM pg_stat_activity WHERE wait_event = 'PgSleep' AND datname = $1`,
      [db.name],
    );
    return r.rowCount === 0 ? true : null;
  });

  const state = await admin.query(
    `SELECT status, version,
      (SELECT count(*) FROM referral_events WHERE referral_id = $1)::int AS events,
      (SELECT count(*) FROM audit_log WHERE referral_id = $1)::int AS audits
    FROM referrals WHERE id = $1`,
    [referral.id],
  );
  assert.deepEqual(state.rows[0], {
    status: 'submitted',
    version: referral.version,
    events: before.rows[0].events,
    audits: before.rows[0].audits,
  });
});
