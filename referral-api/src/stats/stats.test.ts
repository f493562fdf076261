// Referral statistics: the regional administrator sees figures for the whole consortium and
// never a patient; institution staff see their own institution's figures.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { startTestApp, type TestApp } from '@tiered-care/testkit/harness';

let app: TestApp;
let owner: pg.Client;
let region: string;
let c1Doctor: string;
let h1Coordinator: string;
let inst: Map<string, { id: string; name: string; level: number }>;
let created: any;

const stats = (token: string, query = '') => app.call('GET', `/api/stats/referrals${query}`, { token });
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

before(async () => {
  app = await startTestApp();
  owner = new pg.Client({ connectionString: app.db.ownerUrl });
  await owner.connect();
  region = await app.login('admin.region');
  c1Doctor = await app.login('doctor.c1');
  h1Coordinator = await app.login('coordinator.h1');
  const res = await app.call('GET', '/api/institutions', { token: c1Doctor });
  inst = new Map(res.body.institutions.map((i: any) => [i.code, { id: i.id, name: i.name, level: i.level }]));
  const patients = await app.call('GET', '/api/patients?q=王秀英', { token: c1Doctor });
  const r = await app.call('POST', '/api/referrals', {
    token: c1Doctor,
    body: {
      patientId: patients.body[0].id,
      toInstitutionId: inst.get('H1')!.id,
      type: 'outpatient',
      priority: 'routine',
      reason: '头晕待查',
      diagnosis: { code: 'R42', text: '头晕' },
      summary: '血压控制欠佳',
    },
  });
  assert.equal(r.status, 201);
  created = r.body;
});
after(async () => {
  await owner.end();
  await app.close();
});

/** Expected figures, counted from the stored referrals (not drafts). */
async function expectedTotals() {
  const { rows } = await owner.query<{ up: number; down: number; total: number }>(
    `SELECT count(*) FILTER (WHERE direction = 'up')::int AS up, count(*) FILTER (WHERE direction = 'down')::int AS down,
            count(*)::int AS total
     FROM referrals WHERE status <> 'draft'`,
  );
  return rows[0]!;
}

describe('regional statistics', () => {
  test('admin.region sees the region: the demo referrals plus the one created here', async () => {
    const res = await stats(region);
    assert.equal(res.status, 200);
    assert.equal(res.body.scope, 'region');
    // Demo data: one up (C1→H1, submitted) and one down (H1→C1, accepted); plus ours (up).
    assert.equal(res.body.totals.up, 2);
    assert.equal(res.body.totals.down, 1);
    assert.equal(res.body.totals.total, 3);
    assert.deepEqual(
      { up: res.body.totals.up, down: res.body.totals.down, total: res.body.totals.total },
      await expectedTotals(),
    );
    assert.equal(res.body.totals.byStatus.submitted, 2);
    assert.equal(res.body.totals.byStatus.accepted, 1);
    assert.equal(res.body.range.to, today());
  });

  test('byInstitution has figures for all four institutions with their names', async () => {
    const res = await stats(region);
    const rows = res.body.byInstitution;
    assert.equal(rows.length, 4);
    for (const [code, i] of inst) {
      const row = rows.find((r: any) => r.institutionId === i.id);
      assert.ok(row, `row for ${code}`);
      assert.equal(row.name, i.name);
      assert.equal(row.level, i.level);
      for (const k of ['sentUp', 'sentDown', 'received', 'total', 'up', 'down', 'overdue'])
        assert.equal(typeof row[k], 'number', `${code}.${k}`);
    }
    const by = (code: string) => rows.find((r: any) => r.institutionId === inst.get(code)!.id);
    assert.equal(by('C1').sentUp, 2);
    assert.equal(by('C1').received, 1, 'the down-referral from H1');
    assert.equal(by('H1').received, 2);
    assert.equal(by('H1').sentDown, 1);
    assert.equal(by('H2').received, 0);
    assert.equal(by('C2').sentUp, 0);
    assert.deepEqual(
      rows.map((r: any) => r.name),
      ['市第一人民医院', '县人民医院', '城关镇卫生院', '东关社区卫生服务中心'],
      'ordered by level, then code',
    );
  });

  test('byMonth has one row per month that adds up to the totals', async () => {
    const res = await stats(region);
    assert.ok(res.body.byMonth.length >= 1);
    for (const m of res.body.byMonth) assert.match(m.month, /^\d{4}-\d{2}$/);
    const sum = res.body.byMonth.reduce((n: number, m: { total: number }) => n + m.total, 0);
    assert.equal(sum, res.body.totals.total);
    const thisMonth = res.body.byMonth.find((m: any) => m.month === today().slice(0, 7));
    assert.ok(thisMonth, 'the current month (Asia/Shanghai) is there');
  });

  test('the answer contains no patient data', async () => {
    const res = await app.call('GET', '/api/stats/referrals', { token: region });
    const text = JSON.stringify(res.body);
    for (const name of ['张桂兰', '李建国', '王秀英']) assert.ok(!text.includes(name), name);
    assert.ok(!text.includes('patient'), 'no patient field');
    assert.ok(!text.includes(created.patient.id), 'no patient id');
  });

  test('admin.region cannot read a referral or a patient', async () => {
    const referral = await app.call('GET', `/api/referrals/${created.id}`, { token: region });
    assert.equal(referral.status, 404);
    const slip = await app.call('GET', `/api/referrals/${created.id}/slip.pdf`, { token: region });
    assert.equal(slip.status, 404);
    const patients = await app.call('GET', '/api/patients', { token: region });
    assert.equal(patients.status, 200);
    assert.deepEqual(patients.body, []);
    const patient = await app.call('GET', `/api/patients/${created.patient.id}`, { token: region });
    assert.equal(patient.status, 404);
  });

  test('after coordinator.h1 accepts, acceptanceRate and medianHoursToDecision are numbers', async () => {
    const beforeAccept = await stats(region);
    const res = await app.call('POST', `/api/referrals/${created.id}/actions/accept`, {
      token: h1Coordinator,
      body: { version: created.version, note: '同意接收' },
    });
    assert.equal(res.status, 200);
    assert.equal(res.body.status, 'accepted');
    const after = await stats(region);
    assert.equal(after.body.totals.accepted, Number(beforeAccept.body.totals.accepted) + 1);
    assert.equal(typeof after.body.totals.acceptanceRate, 'number');
    assert.ok(after.body.totals.acceptanceRate > 0 && after.body.totals.acceptanceRate <= 1);
    assert.equal(after.body.totals.acceptanceRate, 1, 'two accepted, none rejected or redirected');
    assert.equal(typeof after.body.totals.medianHoursToDecision, 'number');
    assert.ok(after.body.totals.medianHoursToDecision >= 0);
    assert.ok(after.body.totals.medianHoursToDecision < 1, 'decided within the test run');
    const h1 = after.body.byInstitution.find((r: any) => r.institutionId === inst.get('H1')!.id);
    assert.equal(h1.accepted, 1);
    assert.equal(h1.acceptanceRate, 1);
    assert.equal(typeof h1.medianHoursToDecision, 'number');
  });

  test('a submitted referral past its decision due time counts as overdue', async () => {
    const beforeOverdue = await stats(region);
    assert.equal(beforeOverdue.body.totals.overdue, 0);
    const { rowCount } = await owner.query(
      `UPDATE referrals SET decision_due_at = now() - interval '1 hour' WHERE status = 'submitted'
         AND patient_id = (SELECT id FROM patients WHERE name = '张桂兰')`,
    );
    assert.equal(rowCount, 1);
    const res = await stats(region);
    assert.equal(res.body.totals.overdue, 1);
    const h1 = res.body.byInstitution.find((r: any) => r.institutionId === inst.get('H1')!.id);
    assert.equal(h1.overdue, 1, 'counted at the receiving institution');
  });

  test('an accepted referral is never overdue, whatever its due time', async () => {
    await owner.query(`UPDATE referrals SET decision_due_at = now() - interval '5 days' WHERE id = $1`, [
      created.id,
    ]);
    const res = await stats(region);
    assert.equal(res.body.totals.overdue, 1);
  });

  test('a range that ends before the referrals were made has no referrals', async () => {
    const res = await stats(region, '?from=2020-01-01&to=2020-12-31');
    assert.equal(res.status, 200);
    assert.equal(res.body.totals.total, 0);
    assert.equal(res.body.totals.acceptanceRate, null);
    assert.deepEqual(res.body.byMonth, []);
    assert.deepEqual(res.body.range, { from: '2020-01-01', to: '2020-12-31' });
  });

  test('from after to is a 400', async () => {
    const res = await stats(region, '?from=2026-02-01&to=2026-01-01');
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 'invalid_range');
  });

  test('a date that is not a date is a 400', async () => {
    const res = await stats(region, '?from=yesterday');
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 'invalid_request');
  });

  test('reading statistics is audited without naming a patient', async () => {
    const { rows } = await owner.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log a JOIN users u ON u.id = a.actor_user_id
       WHERE u.username = 'admin.region' AND a.action = 'stats.read' AND a.patient_id IS NULL`,
    );
    assert.ok(rows[0]!.n >= 1);
  });
});

describe('institution statistics', () => {
  test('doctor.c2 sees scope institution and only figures involving C2', async () => {
    const token = await app.login('doctor.c2');
    const res = await stats(token);
    assert.equal(res.status, 200);
    assert.equal(res.body.scope, 'institution');
    assert.equal(res.body.totals.total, 0, 'C2 sent and received nothing');
    assert.equal(res.body.byInstitution.length, 1);
    assert.equal(res.body.byInstitution[0].institutionId, inst.get('C2')!.id);
    assert.equal(res.body.byInstitution[0].received, 0);
  });

  test('doctor.c1 sees the referrals C1 sent and received, not other institutions’ traffic', async () => {
    const res = await stats(c1Doctor);
    assert.equal(res.body.scope, 'institution');
    assert.equal(res.body.totals.total, 3);
    assert.equal(res.body.totals.up, 2);
    assert.equal(res.body.totals.down, 1);
    const ids = res.body.byInstitution.map((r: any) => r.institutionId).sort();
    assert.deepEqual(ids, [inst.get('C1')!.id, inst.get('H1')!.id].sort());
  });
});
