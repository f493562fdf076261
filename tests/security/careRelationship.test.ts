// Access that follows the care relationship: an institution reaches a patient through a referral
// or consultation only while it lasts, and CARE_ACCESS_DAYS after it closed with care given.
// The workflow record stays each side's own; the registering clinic keeps the patient; the audit
// trail keeps what was seen.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { identityCheckChar } from '@tiered-care/common';
import pg from 'pg';
import { createPool, withActor } from '@tiered-care/platform';
import { referralBody, useTestApp } from '@tiered-care/testkit/harness';

const t = useTestApp();

// Sequential, not random: eleven random three-digit suffixes collided often enough to fail a run.
let nextSuffix = 100;

/** A new patient registered at C1, so each test starts from its own care relationship. */
async function registerPatient(name: string): Promise<string> {
  const id17 = `33010219600505${nextSuffix++}`;
  const res = await t.call('POST', '/api/patients', {
    token: await t.login('doctor.c1'),
    body: {
      name,
      gender: 'female',
      birthDate: '1960-05-05',
      idNumber: id17 + identityCheckChar(id17),
      phone: '13900000000',
    },
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.id;
}

async function referTo(patientId: string, to: 'H1' | 'H2' = 'H1') {
  return t.createReferral(
    'doctor.c1',
    referralBody({ patientId, toInstitutionId: t.dir.inst[to], type: 'outpatient' }),
  );
}

const patientStatus = async (username: string, patientId: string) =>
  (await t.call('GET', `/api/patients/${patientId}`, { token: await t.login(username) })).status;

/** Runs statements as the owner (no row-level security), in one transaction. */
async function asOwner(...statements: [sql: string, values: unknown[]][]): Promise<void> {
  const owner = new pg.Client({ connectionString: t.db.ownerUrl });
  await owner.connect();
  try {
    await owner.query('BEGIN');
    for (const [sql, values] of statements) await owner.query(sql, values);
    await owner.query('COMMIT');
  } finally {
    await owner.end();
  }
}

/**
 * Moves a referral's closing time back instead of waiting; the trigger that keeps the app from
 * moving it is paused for the owner's update.
 */
async function closedDaysAgo(referralId: string, days: number): Promise<void> {
  await asOwner(
    ['ALTER TABLE referrals DISABLE TRIGGER referrals_closed_at', []],
    [
      `UPDATE referrals SET closed_at = now() - make_interval(days => $2),
         completed_at = CASE WHEN completed_at IS NULL THEN NULL ELSE now() - make_interval(days => $2) END
       WHERE id = $1`,
      [referralId, days],
    ],
    ['ALTER TABLE referrals ENABLE TRIGGER referrals_closed_at', []],
  );
}

async function completed(patientId: string) {
  const r = await referTo(patientId);
  let v = (await t.mustAct('coordinator.h1', r.id, 'accept', { version: r.version })).version;
  v = (await t.mustAct('coordinator.h1', r.id, 'check-in', { version: v })).version;
  await t.mustAct('specialist.h1', r.id, 'complete', {
    version: v,
    feedback: { diagnosis: '稳定型心绞痛', treatment: '药物治疗', advice: '基层随访' },
  });
  return r;
}

/** A consultation request from C1 to H2 about the patient (H2 sees the patient while it is open). */
async function requestFromC1(patientId: string) {
  const res = await t.call('POST', '/api/consultations', {
    token: await t.login('doctor.c1'),
    body: {
      mode: 'request',
      toInstitutionId: t.dir.inst.H2,
      priority: 'routine',
      question: '请协助评估',
      patientId,
    },
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body as { id: string; version: number };
}

describe('a referral that ends', () => {
  test('the receiving hospital no longer sees the patient once the referral is cancelled', async () => {
    const patient = await registerPatient('周取消');
    const r = await referTo(patient);
    assert.equal(await patientStatus('coordinator.h1', patient), 200, 'while it is open');
    await t.mustAct('doctor.c1', r.id, 'cancel', { version: r.version, reason: '患者改去他院' });
    assert.equal(await patientStatus('coordinator.h1', patient), 404);
    assert.equal(await patientStatus('specialist.h1', patient), 404);
  });

  test('the receiving hospital no longer sees the patient once it rejected the referral', async () => {
    const patient = await registerPatient('吴退回');
    const r = await referTo(patient);
    await t.mustAct('coordinator.h1', r.id, 'reject', {
      version: r.version,
      reasonCode: 'capacity',
      note: '床位已满',
    });
    assert.equal(await patientStatus('coordinator.h1', patient), 404);
  });

  test('an institution a referral was redirected away from no longer sees the patient; the new target does', async () => {
    const patient = await registerPatient('郑改转');
    const r = await referTo(patient);
    const redirected = await t.mustAct('coordinator.h1', r.id, 'redirect', {
      version: r.version,
      toInstitutionId: t.dir.inst.H2,
      note: '请转县医院',
    });
    assert.equal(redirected.status, 'redirected');
    assert.equal(redirected.patient, null, 'the redirecting side gets its record back without the patient');
    assert.equal(await patientStatus('coordinator.h1', patient), 404);
    assert.equal(await patientStatus('coordinator.h2', patient), 200, 'through the new linked referral');
  });

  test('the registering clinic keeps the patient whatever happens to the referral', async () => {
    const patient = await registerPatient('冯登记');
    const r = await referTo(patient);
    await t.mustAct('doctor.c1', r.id, 'cancel', { version: r.version, reason: '不再需要' });
    assert.equal(await patientStatus('doctor.c1', patient), 200);
    const own = await t.call('GET', `/api/referrals/${r.id}`, { token: await t.login('doctor.c1') });
    assert.equal(own.status, 200);
    assert.equal(own.body.patient.id, patient);
    assert.equal(own.body.patientAccess, 'open');
    assert.equal(own.body.diagnosis.code, 'I20.0');
  });
});

describe('the workflow record without the patient', () => {
  test('the worklist still lists the closed referral without patient details', async () => {
    const patient = await registerPatient('陈已撤');
    const r = await referTo(patient);
    await t.mustAct('doctor.c1', r.id, 'cancel', { version: r.version, reason: '已撤回' });
    const token = await t.login('coordinator.h1');
    const list = await t.call('GET', '/api/referrals?box=incoming&status=cancelled&limit=100', { token });
    assert.equal(list.status, 200, JSON.stringify(list.body));
    const item = list.body.items.find((i: { id: string }) => i.id === r.id);
    assert.ok(item, 'the cancelled referral is still on the list');
    assert.equal(item.status, 'cancelled');
    assert.equal(item.patientAccess, 'ended');
    assert.equal(item.patientName, null);
    assert.equal(item.diagnosis, null);
    assert.equal(item.fromInstitutionName, '城关镇卫生院');
    // Searching can't find it by the name or diagnosis it no longer shows, only by its number.
    for (const q of ['陈已撤', '心绞痛']) {
      const found = await t.call('GET', `/api/referrals?box=incoming&q=${encodeURIComponent(q)}&limit=100`, {
        token,
      });
      assert.ok(!found.body.items.some((i: { id: string }) => i.id === r.id), q);
    }
    const byNo = await t.call('GET', `/api/referrals?box=incoming&q=${r.referralNo}`, { token });
    assert.deepEqual(
      byNo.body.items.map((i: { id: string }) => i.id),
      [r.id],
    );

    const detail = await t.call('GET', `/api/referrals/${r.id}`, { token });
    assert.equal(detail.status, 200);
    assert.equal(detail.body.patient, null);
    assert.equal(detail.body.patientAccess, 'ended');
    assert.equal(detail.body.status, 'cancelled');
    assert.equal(detail.body.to.institutionId, t.dir.inst.H1);
    for (const hidden of ['reason', 'summary', 'diagnosis', 'feedback', 'infoRequest'] as const) {
      assert.equal(detail.body[hidden], null, hidden);
    }
    assert.ok(
      detail.body.events.every((e: { details: Record<string, unknown> }) => !('reason' in e.details)),
      'the history keeps its steps, not what was written about the patient',
    );
    assert.deepEqual(
      detail.body.events.map((e: { toStatus: string }) => e.toStatus),
      ['submitted', 'cancelled'],
    );

    const slip = await t.call('GET', `/api/referrals/${r.id}/slip.pdf`, { token });
    assert.equal(slip.status, 403);
    assert.equal(slip.body.error.code, 'patient_access_ended');
  });
});

describe('consultations that end', () => {
  test('a consultation guest loses the patient when the consultation is cancelled', async () => {
    const patient = await registerPatient('孙会诊');
    const c = await requestFromC1(patient);
    assert.equal(await patientStatus('coordinator.h2', patient), 200, 'the receiving side while it is open');
    const cancel = await t.call('POST', `/api/consultations/${c.id}/actions/cancel`, {
      token: await t.login('doctor.c1'),
      body: { version: c.version, reason: '病情好转' },
    });
    assert.equal(cancel.status, 200, JSON.stringify(cancel.body));
    assert.equal(await patientStatus('coordinator.h2', patient), 404);
    assert.equal(await patientStatus('doctor.c1', patient), 200, 'the requester registered her');
    const list = await t.call('GET', '/api/consultations?box=incoming&limit=100', {
      token: await t.login('coordinator.h2'),
    });
    assert.equal(list.status, 200, JSON.stringify(list.body));
    const item = list.body.items.find((i: { id: string }) => i.id === c.id);
    assert.ok(item, 'the cancelled request stays on the list');
    assert.equal(item.patient, null);
    assert.equal(item.patientAccess, 'ended');
    assert.equal(item.question, null);
  });

  test('a consultation guest loses the patient when the request is declined', async () => {
    const patient = await registerPatient('钱婉拒');
    const c = await requestFromC1(patient);
    const decline = await t.call('POST', `/api/consultations/${c.id}/actions/decline`, {
      token: await t.login('coordinator.h2'),
      body: { version: c.version, reasonCode: 'capacity', note: '本周无号' },
    });
    assert.equal(decline.status, 200, JSON.stringify(decline.body));
    assert.equal(await patientStatus('coordinator.h2', patient), 404);
    const detail = await t.call('GET', `/api/consultations/${c.id}`, {
      token: await t.login('coordinator.h2'),
    });
    assert.equal(detail.status, 200);
    assert.equal(detail.body.status, 'declined');
    assert.equal(detail.body.patient, null);
    assert.equal(detail.body.patientAccess, 'ended');
    assert.equal(detail.body.request.question, null);
  });
});

describe('CARE_ACCESS_DAYS after the relationship closed', () => {
  test('access ends CARE_ACCESS_DAYS after completion', async () => {
    const patient = await registerPatient('王完成');
    const r = await completed(patient);
    assert.equal(await patientStatus('specialist.h1', patient), 200, 'just completed');
    await closedDaysAgo(r.id, 89);
    assert.equal(await patientStatus('specialist.h1', patient), 200, '89 of 90 days');
    await closedDaysAgo(r.id, 91);
    assert.equal(await patientStatus('specialist.h1', patient), 404, 'past 90 days');
    assert.equal(await patientStatus('doctor.c1', patient), 200, 'the clinic registered her');
    const detail = await t.call('GET', `/api/referrals/${r.id}`, { token: await t.login('specialist.h1') });
    assert.equal(detail.status, 200);
    assert.equal(detail.body.status, 'completed');
    assert.equal(detail.body.patientAccess, 'ended');
    assert.equal(detail.body.feedback, null);
    assert.ok(detail.body.completedAt, 'dates stay');
  });

  test('the number of days is configurable: a pool configured for 7 days hides what 90 days still show', async () => {
    const patient = await registerPatient('李七天');
    const r = await completed(patient);
    await closedDaysAgo(r.id, 8);
    const claims = await t.services.tokens.verify(await t.login('specialist.h1'));
    const actor = { ...claims, ip: null, userAgent: null };
    const seen = async (pool: pg.Pool) =>
      withActor(
        pool,
        actor,
        async (db) => (await db.query('SELECT 1 FROM patients WHERE id = $1', [patient])).rowCount,
      );
    const week = createPool(t.db.appUrl, 1, { careAccessDays: 7 });
    try {
      assert.equal(await seen(week), 0);
      assert.equal(await seen(t.services.pool), 1);
    } finally {
      await week.end();
    }
  });

  test('a consultation guest keeps the patient for the same time after the consultation ended', async () => {
    const patient = await registerPatient('赵会毕');
    const c = await requestFromC1(patient);
    const ended = (days: number) =>
      asOwner([
        `UPDATE consultations SET status = 'ended', scheduled_at = now() - make_interval(days => $2),
           duration_minutes = 30, host_user_id = (SELECT id FROM users WHERE username = 'specialist.h2'),
           host_institution_id = to_institution_id, started_at = now() - make_interval(days => $2),
           ended_at = now() - make_interval(days => $2)
         WHERE id = $1`,
        [c.id, days],
      ]);
    await ended(10);
    assert.equal(await patientStatus('coordinator.h2', patient), 200);
    await ended(91);
    assert.equal(await patientStatus('coordinator.h2', patient), 404);
    const report = await t.call('GET', `/api/consultations/${c.id}/record`, {
      token: await t.login('coordinator.h2'),
    });
    assert.ok([403, 404].includes(report.status), String(report.status));
    assert.notEqual(report.status, 500);
  });
});

describe('the audit trail', () => {
  test('audit rows remain: the administrators still read who saw the patient after access ended', async () => {
    const patient = await registerPatient('蒋审计');
    const r = await referTo(patient);
    const read = await t.call('GET', `/api/referrals/${r.id}`, { token: await t.login('specialist.h1') });
    assert.equal(read.status, 200);
    const trail = async (username: string) => {
      const res = await t.call('GET', `/api/audit?referralId=${r.id}&limit=500`, {
        token: await t.login(username),
      });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return res.body as { id: number; action: string; patientId: string | null }[];
    };
    const before = await trail('admin.h1');
    assert.ok(before.some((a) => a.action === 'referral.read' && a.patientId === patient));
    await t.mustAct('doctor.c1', r.id, 'cancel', { version: r.version, reason: '撤回' });
    await closedDaysAgo(r.id, 400);
    const afterwards = await trail('admin.h1');
    for (const row of before) {
      assert.ok(
        afterwards.some((a) => a.id === row.id),
        `audit row ${row.id} (${row.action}) is still there`,
      );
    }
    const owner = new pg.Client({ connectionString: t.db.ownerUrl });
    await owner.connect();
    try {
      const { rows } = await owner.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM audit_log WHERE patient_id = $1',
        [patient],
      );
      assert.ok((rows[0]?.n ?? 0) >= before.filter((a) => a.patientId === patient).length);
    } finally {
      await owner.end();
    }
  });
});
