// Institution isolation is enforced by PostgreSQL itself: these tests connect as the app's role
// and run queries with no WHERE clause at all; row-level security decides what comes back.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '@tiered-care/testkit/harness';
import { assertRlsApplies } from './rls';

let db: TestDatabase;
let app: pg.Client;
const ids: Record<
  string,
  { id: string; institution_id: string | null; consortium_id: string; roles: string[] }
> = {};

before(async () => {
  db = await createTestDatabase();
  const owner = new pg.Client({ connectionString: db.ownerUrl });
  await owner.connect();
  for (const u of (await owner.query('SELECT id, username, institution_id, consortium_id, roles FROM users'))
    .rows) {
    ids[u.username] = u;
  }
  await owner.end();
  app = new pg.Client({ connectionString: db.appUrl });
  await app.connect();
});
after(async () => {
  await app.end();
  await db.drop();
});

/** Runs one query as `username` the way the app does: context set for one transaction. */
async function as<T extends pg.QueryResultRow>(username: string, sql: string): Promise<T[]> {
  const u = ids[username]!;
  await app.query('BEGIN');
  try {
    await app.query(
      `SELECT set_config('app.user_id', $1, true), set_config('app.institution_id', $2, true),
              set_config('app.consortium_id', $3, true), set_config('app.roles', $4, true)`,
      [u.id, u.institution_id ?? '', u.consortium_id, u.roles.join(',')],
    );
    return (await app.query<T>(sql)).rows;
  } finally {
    await app.query('ROLLBACK');
  }
}

describe('row-level security', () => {
  test('the app role is neither superuser nor owner, so the policies apply to it', async () => {
    const pool = new pg.Pool({ connectionString: db.appUrl, max: 1 });
    await assertRlsApplies(pool);
    await pool.end();
  });

  test('the app refuses to serve over a connection that would bypass row-level security', async () => {
    const pool = new pg.Pool({ connectionString: db.ownerUrl, max: 1 });
    await assert.rejects(assertRlsApplies(pool), /bypasses row-level security/);
    await pool.end();
  });

  test('a query without any WHERE clause sees only referrals the caller’s institution sends or receives', async () => {
    const all = await as<{ from_institution_id: string; to_institution_id: string }>(
      'doctor.c2',
      'SELECT * FROM referrals',
    );
    const c2 = ids['doctor.c2']!.institution_id;
    assert.ok(all.every((r) => r.from_institution_id === c2 || r.to_institution_id === c2));
    // The demo data has referrals between C1 and H1 only; C2 sees none of them.
    assert.equal(all.length, 0);
    const h1 = await as('coordinator.h1', 'SELECT * FROM referrals');
    assert.ok(h1.length >= 2);
  });

  test('patients are visible to their own institution and through shared referrals only', async () => {
    const c2 = await as<{ name: string }>('doctor.c2', 'SELECT name FROM patients');
    assert.deepEqual(c2.map((p) => p.name).sort(), ['刘德明', '陈淑芬'].sort());
    const h1 = await as<{ name: string }>('coordinator.h1', 'SELECT name FROM patients ORDER BY name');
    // H1's own patient plus the C1 patient of the submitted C1→H1 referral, not C1's others.
    assert.ok(h1.some((p) => p.name === '张桂兰'));
    assert.ok(!h1.some((p) => p.name === '王秀英'));
  });

  test('without a request context nothing is visible', async () => {
    for (const table of ['referrals', 'patients', 'referral_events', 'audit_log', 'users', 'institutions']) {
      const { rows } = await app.query(`SELECT count(*)::int AS n FROM ${table}`);
      assert.equal(rows[0].n, 0, table);
    }
  });

  test('a regional administrator sees no patient or referral rows at all', async () => {
    for (const table of ['referrals', 'patients', 'referral_events']) {
      const rows = await as<{ n: number }>('admin.region', `SELECT count(*)::int AS n FROM ${table}`);
      assert.equal(rows[0]!.n, 0, table);
    }
  });

  test('only institution administrators read the audit trail', async () => {
    const asDoctor = await as<{ n: number }>('doctor.c1', 'SELECT count(*)::int AS n FROM audit_log');
    assert.equal(asDoctor[0]!.n, 0);
    const asAdmin = await as<{ n: number }>('admin.h1', 'SELECT count(*)::int AS n FROM audit_log');
    assert.ok(asAdmin[0]!.n > 0);
  });

  test('password hashes and private keys cannot be read by the app role', async () => {
    await assert.rejects(as('admin.h1', 'SELECT password_hash FROM users'), /permission denied/);
    await assert.rejects(as('admin.h1', 'SELECT signing_private_key_enc FROM users'), /permission denied/);
  });

  test('one institution cannot write a referral as if it were another', async () => {
    const u = ids['doctor.c2']!;
    await app.query('BEGIN');
    try {
      await app.query(
        `SELECT set_config('app.user_id', $1, true), set_config('app.institution_id', $2, true),
                set_config('app.consortium_id', $3, true), set_config('app.roles', 'doctor', true)`,
        [u.id, u.institution_id, u.consortium_id],
      );
      const { rowCount } = await app.query(`UPDATE referrals SET reason = 'tampered'`);
      assert.equal(rowCount, 0);
    } finally {
      await app.query('ROLLBACK');
    }
  });

  test('history and audit rows cannot be changed, even by the owner', async () => {
    const owner = new pg.Client({ connectionString: db.ownerUrl });
    await owner.connect();
    await assert.rejects(owner.query(`UPDATE referral_events SET details = '{}'`), /append-only/);
    await assert.rejects(owner.query('DELETE FROM audit_log'), /append-only/);
    await owner.end();
  });
});
