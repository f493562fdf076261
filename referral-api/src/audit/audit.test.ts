// Every read of a referral or patient leaves an audit row (who, which institution, what, when,
// from where); institution administrators read the trail; nobody can change it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { startTestApp, type TestApp } from '@tiered-care/testkit/harness';

let app: TestApp;
let owner: pg.Client;
let c1Doctor: string;
let h1Admin: string;
let users: Map<string, { id: string; institution_id: string | null }>;
/** The demo C1→H1 referral for 张桂兰 (submitted). */
let referralId: string;
let patientId: string;

interface AuditDbRow {
  id: number;
  at: Date;
  actor_user_id: string | null;
  actor_institution_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  referral_id: string | null;
  patient_id: string | null;
  ip: string | null;
  user_agent: string | null;
  details: any;
}

const maxId = async () =>
  (await owner.query<{ id: number }>('SELECT coalesce(max(id), 0)::int AS id FROM audit_log')).rows[0]!.id;
const rowsAfter = async (id: number) =>
  (await owner.query<AuditDbRow>('SELECT * FROM audit_log WHERE id > $1 ORDER BY id', [id])).rows;

before(async () => {
  app = await startTestApp();
  owner = new pg.Client({ connectionString: app.db.ownerUrl });
  await owner.connect();
  const u = await owner.query<{ username: string; id: string; institution_id: string | null }>(
    'SELECT username, id, institution_id FROM users',
  );
  users = new Map(u.rows.map((r) => [r.username, r]));
  const r = await owner.query<{ id: string; patient_id: string }>(
    `SELECT r.id, r.patient_id FROM referrals r JOIN patients p ON p.id = r.patient_id WHERE p.name = '张桂兰'`,
  );
  referralId = r.rows[0]!.id;
  patientId = r.rows[0]!.patient_id;
  c1Doctor = await app.login('doctor.c1');
  h1Admin = await app.login('admin.h1');
});
after(async () => {
  await owner.end();
  await app.close();
});

/** Exactly one new audit row by doctor.c1 with this action; returns it. */
function assertOneRow(rows: AuditDbRow[], action: string): AuditDbRow {
  const doctor = users.get('doctor.c1')!;
  const mine = rows.filter((r) => r.action === action);
  assert.equal(mine.length, 1, `one ${action} row, got ${rows.map((r) => r.action).join(',')}`);
  const row = mine[0]!;
  assert.equal(row.actor_user_id, doctor.id);
  assert.equal(row.actor_institution_id, doctor.institution_id);
  assert.ok(row.ip, 'the client address is recorded');
  assert.match(row.ip, /127\.0\.0\.1|::1/);
  assert.ok(row.at instanceof Date && Math.abs(row.at.getTime() - Date.now()) < 60_000);
  return row;
}

describe('every read of patient data is audited', () => {
  test('GET /api/referrals/:id writes a referral.read row', async () => {
    const before = await maxId();
    const res = await app.call('GET', `/api/referrals/${referralId}`, {
      token: c1Doctor,
      headers: { 'user-agent': 'audit-test/1.0' },
    });
    assert.equal(res.status, 200);
    const row = assertOneRow(await rowsAfter(before), 'referral.read');
    assert.equal(row.entity_type, 'referral');
    assert.equal(row.entity_id, referralId);
    assert.equal(row.referral_id, referralId);
    assert.equal(row.patient_id, patientId);
    assert.equal(row.user_agent, 'audit-test/1.0');
  });

  test('GET /api/patients/:id writes a patient.read row', async () => {
    const before = await maxId();
    const res = await app.call('GET', `/api/patients/${patientId}`, { token: c1Doctor });
    assert.equal(res.status, 200);
    const row = assertOneRow(await rowsAfter(before), 'patient.read');
    assert.equal(row.entity_type, 'patient');
    assert.equal(row.entity_id, patientId);
    assert.equal(row.patient_id, patientId);
  });

  test('the worklist writes a referral.list row naming the referrals it returned', async () => {
    const before = await maxId();
    const res = await app.call('GET', '/api/referrals?box=outgoing', { token: c1Doctor });
    assert.equal(res.status, 200);
    assert.ok(res.body.items.length >= 1);
    const row = assertOneRow(await rowsAfter(before), 'referral.list');
    assert.equal(row.entity_type, 'referral');
    assert.deepEqual([...row.details.ids].sort(), res.body.items.map((i: any) => i.id).sort());
    assert.ok(row.details.ids.includes(referralId));
    assert.equal(row.details.box, 'outgoing');
  });

  test('the patient search writes a patient.search row naming the patients it returned', async () => {
    const before = await maxId();
    const res = await app.call('GET', '/api/patients?q=张', { token: c1Doctor });
    assert.equal(res.status, 200);
    assert.ok(res.body.some((p: any) => p.id === patientId));
    const row = assertOneRow(await rowsAfter(before), 'patient.search');
    assert.equal(row.entity_type, 'patient');
    assert.deepEqual([...row.details.ids].sort(), res.body.map((p: any) => p.id).sort());
    assert.ok(!JSON.stringify(row.details).includes('张'), 'the search term itself is not stored');
  });

  test('GET /api/referrals/:id/slip.pdf writes a referral.slip row', async () => {
    const before = await maxId();
    const res = await fetch(`${app.baseUrl}/api/referrals/${referralId}/slip.pdf`, {
      headers: { authorization: `Bearer ${c1Doctor}` },
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/pdf');
    assert.equal(
      Buffer.from(await res.arrayBuffer())
        .subarray(0, 5)
        .toString(),
      '%PDF-',
    );
    const row = assertOneRow(await rowsAfter(before), 'referral.slip');
    assert.equal(row.referral_id, referralId);
    assert.equal(row.patient_id, patientId);
  });

  test('a read that finds nothing writes no row about anybody', async () => {
    const before = await maxId();
    const c2Doctor = await app.login('doctor.c2');
    const res = await app.call('GET', `/api/referrals/${referralId}`, { token: c2Doctor });
    assert.equal(res.status, 404);
    const rows = await rowsAfter(before);
    assert.ok(!rows.some((r) => r.referral_id === referralId));
  });
});

describe('reading the audit trail', () => {
  test("admin.h1 sees who read the C1→H1 referral, including C1's doctor, with username and time", async () => {
    const res = await app.call('GET', `/api/audit?referralId=${referralId}`, { token: h1Admin });
    assert.equal(res.status, 200);
    assert.ok(Array.isArray(res.body));
    const read = res.body.find((r: any) => r.action === 'referral.read' && r.actor.username === 'doctor.c1');
    assert.ok(read, 'the C1 doctor’s read is in the trail');
    assert.equal(read.actor.displayName, '赵医生');
    assert.equal(read.actor.userId, users.get('doctor.c1')!.id);
    assert.equal(read.actor.institutionId, users.get('doctor.c1')!.institution_id);
    assert.equal(read.referralId, referralId);
    assert.ok(!Number.isNaN(Date.parse(read.at)), 'with a time');
    assert.ok(Math.abs(Date.parse(read.at) - Date.now()) < 120_000);
    assert.ok(read.ip, 'and where from');
    assert.ok(
      res.body.some((r: any) => r.action === 'referral.slip' && r.actor.username === 'doctor.c1'),
      'the slip print too',
    );
    // The seed's submission of the referral is part of the trail as well.
    assert.ok(
      res.body.every((r: any) => r.referralId === referralId || r.details?.ids?.includes(referralId)),
    );
    // Newest first.
    const ids = res.body.map((r: any) => r.id);
    assert.deepEqual(
      ids,
      [...ids].sort((a: number, b: number) => b - a),
    );
  });

  test("admin.h1 sees its own staff's reads of a referred patient by patientId", async () => {
    const h1Coordinator = await app.login('coordinator.h1');
    assert.equal((await app.call('GET', `/api/patients/${patientId}`, { token: h1Coordinator })).status, 200);
    const res = await app.call('GET', `/api/audit?patientId=${patientId}`, { token: h1Admin });
    assert.equal(res.status, 200);
    const read = res.body.find(
      (r: any) => r.action === 'patient.read' && r.actor.username === 'coordinator.h1',
    );
    assert.ok(read, 'the H1 coordinator’s read is in the trail');
    assert.equal(read.patientId, patientId);
    assert.ok(res.body.every((r: any) => r.patientId === patientId || r.details?.ids?.includes(patientId)));
  });

  test("admin.h1 reading the trail is itself limited: nothing about C2's patients", async () => {
    const { rows } = await owner.query<{ id: string }>(
      `SELECT p.id FROM patients p JOIN institutions i ON i.id = p.institution_id WHERE i.code = 'C2' LIMIT 1`,
    );
    // Make C2's doctor read one of C2's patients, then ask for it from H1.
    const c2Doctor = await app.login('doctor.c2');
    assert.equal((await app.call('GET', `/api/patients/${rows[0]!.id}`, { token: c2Doctor })).status, 200);
    const res = await app.call('GET', `/api/audit?patientId=${rows[0]!.id}`, { token: h1Admin });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, []);
  });

  test('doctor.c1 may not read the audit trail (403)', async () => {
    const res = await app.call('GET', `/api/audit?referralId=${referralId}`, { token: c1Doctor });
    assert.equal(res.status, 403);
    assert.equal(res.body.error.code, 'role_required');
  });

  test('the regional administrator may not read the audit trail either', async () => {
    const token = await app.login('admin.region');
    const res = await app.call('GET', `/api/audit?referralId=${referralId}`, { token });
    assert.equal(res.status, 403);
  });

  test('a query without referralId or patientId is a 400', async () => {
    const res = await app.call('GET', '/api/audit', { token: h1Admin });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 'invalid_request');
    const limitOnly = await app.call('GET', '/api/audit?limit=10', { token: h1Admin });
    assert.equal(limitOnly.status, 400);
  });

  test('a referralId that is not a UUID is a 400', async () => {
    const res = await app.call('GET', '/api/audit?referralId=abc', { token: h1Admin });
    assert.equal(res.status, 400);
  });
});

describe('the audit table is append-only', () => {
  test('an UPDATE through the owner connection raises', async () => {
    const id = await maxId();
    await assert.rejects(
      owner.query(`UPDATE audit_log SET action = 'tampered' WHERE id = $1`, [id]),
      /append-only/,
    );
    const { rows } = await owner.query<{ action: string }>('SELECT action FROM audit_log WHERE id = $1', [
      id,
    ]);
    assert.notEqual(rows[0]!.action, 'tampered');
  });

  test('a DELETE through the owner connection raises', async () => {
    const before = await maxId();
    await assert.rejects(owner.query('DELETE FROM audit_log WHERE id = $1', [before]), /append-only/);
    assert.equal(await maxId(), before);
  });

  test('the app role cannot update or delete audit rows either', async () => {
    const appClient = new pg.Client({ connectionString: app.db.appUrl });
    await appClient.connect();
    try {
      await assert.rejects(appClient.query(`UPDATE audit_log SET action = 'x'`), /permission denied/);
      await assert.rejects(appClient.query('DELETE FROM audit_log'), /permission denied/);
    } finally {
      await appClient.end();
    }
  });
});
