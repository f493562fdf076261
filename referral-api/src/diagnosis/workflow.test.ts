// 远程诊断 through the API: a clinic's request, the reading centre's claim, report and signature,
// the requester's acknowledgement; the claim race, co-signature, amendment, signatures, critical
// findings, cancelling, idempotent create and bad input.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, test } from 'node:test';
import type pg from 'pg';
import {
  diagnosisAct,
  mustDiagnosisAct,
  requestDiagnosis,
  uploadedStudy,
  useTestApp,
} from '@tiered-care/testkit/harness';

const t = useTestApp();
let owner: pg.Client;
let patient: string;

before(async () => {
  await t.ready();
  owner = await t.client('owner');
  patient = await t.patientId('doctor.c1', '张桂兰');
});

const ecg = async (overrides: Record<string, unknown> = {}) => ({
  kind: 'ecg',
  patientId: patient,
  studyInstanceUid: await uploadedStudy(owner, 'C1'),
  toInstitutionId: t.dir.inst.H1,
  toDepartmentId: t.dir.dept['H1/CARD'],
  priority: 'urgent',
  clinicalInfo: '胸闷2小时，既往高血压',
  question: '是否有急性心肌缺血改变？',
  ...overrides,
});

const report = (overrides: Record<string, unknown> = {}) => ({
  findings: '窦性心律，心率78次/分，V4-V6导联ST段压低0.1mV。',
  impression: '窦性心律；ST段改变，请结合临床。',
  critical: false,
  ecg: { heartRate: 78, rhythm: '窦性心律', prMs: 160, qrsMs: 90, qtMs: 380, qtcMs: 433, axisDeg: 45 },
  ...overrides,
});

const act = (u: string, id: string, a: string, b: Record<string, unknown> = {}) =>
  diagnosisAct(t, u, id, a, b);
const must = (u: string, id: string, a: string, b: Record<string, unknown> = {}) =>
  mustDiagnosisAct(t, u, id, a, b);

async function signedBy(reader: string, r: Record<string, unknown> = report()) {
  const d = await requestDiagnosis(t, 'doctor.c1', await ecg());
  await must(reader, d.id, 'claim');
  await must(reader, d.id, 'report', { report: r });
  return must(reader, d.id, 'sign');
}

describe('a request from a clinic to the ECG reading centre', () => {
  test('create → claim → report → sign → acknowledge, with history, audit and live events', async () => {
    const created = await requestDiagnosis(t, 'doctor.c1', await ecg());
    assert.equal(created.status, 'requested');
    assert.equal(created.version, 1);
    assert.equal(created.toDepartment.name, '心内科');
    assert.equal(created.patient.name, '张桂兰');
    assert.deepEqual(created.allowedActions, ['cancel']);

    const claimed = await must('specialist.h1', created.id, 'claim');
    assert.equal(claimed.status, 'claimed');
    assert.equal(claimed.claimedBy.displayName, '周主任');
    const drafted = await must('specialist.h1', created.id, 'report', { report: report() });
    assert.equal(drafted.status, 'reported');
    assert.equal(drafted.draft.ecg.heartRate, 78);
    const asRequester = await t.call('GET', `/api/diagnosis-requests/${created.id}`, {
      token: await t.login('doctor.c1'),
    });
    assert.equal(asRequester.body.draft, null, 'the draft is the readers’ alone');

    const signed = await must('specialist.h1', created.id, 'sign');
    assert.equal(signed.status, 'signed');
    assert.equal(signed.reports.length, 1);
    assert.equal(signed.reports[0].verified, true);
    assert.equal(signed.reports[0].signedBy.grade, 'senior');
    assert.ok(signed.signedAt);

    const acked = await must('doctor.c1', created.id, 'acknowledge', { note: '已阅，已安排转诊' });
    assert.equal(acked.status, 'acknowledged');
    assert.equal(acked.acknowledgedBy.displayName, '赵医生');
    assert.deepEqual(
      acked.events.map((e: { action: string }) => e.action),
      ['create', 'claim', 'report', 'sign', 'acknowledge'],
    );
    const audit = await owner.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity_id = $1 AND action <> 'diagnosis.read' ORDER BY id`,
      [created.id],
    );
    assert.deepEqual(
      audit.rows.map((r) => r.action),
      ['diagnosis.create', 'diagnosis.claim', 'diagnosis.report', 'diagnosis.sign', 'diagnosis.acknowledge'],
    );
    const live = await owner.query<{
      payload: { action: string; requesterUserId: string; toDepartmentId: string };
    }>(
      `SELECT payload FROM live_events WHERE channel = 'diagnosis_changed' AND payload->>'requestId' = $1 ORDER BY id`,
      [created.id],
    );
    assert.equal(live.rows.length, 5);
    const sign = live.rows[3]?.payload;
    assert.equal(sign?.action, 'sign');
    assert.equal(sign.toDepartmentId, t.dir.dept['H1/CARD']);
  });

  test('two readers claim together: exactly one wins, the other gets 409', async () => {
    const d = await requestDiagnosis(t, 'doctor.c1', await ecg());
    const claim = async (u: string) =>
      t.call('POST', `/api/diagnosis-requests/${d.id}/actions/claim`, {
        token: await t.login(u),
        body: { version: d.version },
      });
    const results = await Promise.all([claim('specialist.h1'), claim('resident.h1')]);
    assert.deepEqual(results.map((r) => r.status).sort(), [200, 409]);
    const loser = results.find((r) => r.status === 409);
    assert.equal(loser?.body.error.code, 'version_conflict');
  });

  test('a trainee’s signature waits for a senior’s co-signature before it reaches the requester', async () => {
    const pending = await signedBy('resident.h1');
    assert.equal(pending.status, 'reported');
    assert.equal(pending.awaitingCosign, true);
    assert.equal(pending.reports[0].signedBy.grade, 'trainee');
    const requesterView = await t.call('GET', `/api/diagnosis-requests/${pending.id}`, {
      token: await t.login('doctor.c1'),
    });
    assert.deepEqual(requesterView.body.reports, [], 'not yet the requester’s');
    const self = await act('resident.h1', pending.id, 'cosign');
    assert.equal(self.status, 403);
    const cosigned = await must('specialist.h1', pending.id, 'cosign');
    assert.equal(cosigned.status, 'signed');
    assert.equal(cosigned.reports[0].cosignedBy.displayName, '周主任');
    assert.equal(cosigned.reports[0].cosignVerified, true);
    assert.equal(cosigned.reports[0].verified, true);
  });

  test('an amendment is a new signed version; the old one stays readable and verified', async () => {
    const first = await signedBy('specialist.h1');
    await must('doctor.c1', first.id, 'acknowledge');
    const amended = await must('specialist.h1', first.id, 'amend', {
      amendment: 'correction',
      reason: '复核后修正电轴',
      report: report({ impression: '窦性心律；电轴左偏。' }),
    });
    assert.equal(amended.status, 'signed', 'the requester is told again');
    assert.equal(amended.acknowledgedAt, null);
    assert.deepEqual(
      amended.reports.map((r: { version: number; verified: boolean }) => [r.version, r.verified]),
      [
        [1, true],
        [2, true],
      ],
    );
    assert.equal(amended.reports[0].content.impression, '窦性心律；ST段改变，请结合临床。');
    assert.deepEqual(amended.reports[1].amendment, { kind: 'correction', reason: '复核后修正电轴' });
    const trainee = await act('resident.h1', first.id, 'amend', {
      amendment: 'addendum',
      reason: 'x',
      report: report(),
    });
    assert.equal(trainee.status, 403, 'only a senior reader amends');
  });

  test('a report changed in the database no longer verifies', async () => {
    const signed = await signedBy('specialist.h1');
    await owner.query('ALTER TABLE diagnosis_reports DISABLE TRIGGER diagnosis_reports_guard');
    await owner.query(
      `UPDATE diagnosis_reports SET content = jsonb_set(content, '{impression}', '"正常心电图"') WHERE request_id = $1`,
      [signed.id],
    );
    await owner.query('ALTER TABLE diagnosis_reports ENABLE TRIGGER diagnosis_reports_guard');
    const after = await t.call('GET', `/api/diagnosis-requests/${signed.id}`, {
      token: await t.login('doctor.c1'),
    });
    assert.equal(after.body.reports[0].content.impression, '正常心电图');
    assert.equal(after.body.reports[0].verified, false);
  });

  test('a signed version can’t be edited, even by the app role', async () => {
    const signed = await signedBy('specialist.h1');
    const app = await t.client('admin');
    await assert.rejects(
      app.query(`UPDATE diagnosis_reports SET content = '{}' WHERE request_id = $1`, [signed.id]),
      /never edited/,
    );
  });

  test('a critical finding is flagged to the requester, whose acknowledgement is recorded and audited', async () => {
    const signed = await signedBy(
      'specialist.h1',
      report({ critical: true, criticalNote: '急性前壁ST段抬高型心肌梗死', impression: '急性前壁心肌梗死' }),
    );
    assert.equal(signed.critical, true);
    const live = await owner.query<{ payload: { critical: boolean } }>(
      `SELECT payload FROM live_events WHERE payload->>'requestId' = $1 AND payload->>'action' = 'sign'`,
      [signed.id],
    );
    assert.equal(live.rows[0]?.payload.critical, true);
    const reader = await act('specialist.h1', signed.id, 'acknowledge');
    assert.equal(reader.status, 403, 'the requester acknowledges, not the reader');
    const acked = await must('doctor.c1', signed.id, 'acknowledge', { note: '已电话通知患者立即转诊' });
    const event = acked.events.at(-1);
    assert.equal(event.action, 'acknowledge');
    assert.equal(event.details.critical, true);
    const audit = await owner.query<{ details: { note: string } }>(
      `SELECT details FROM audit_log WHERE entity_id = $1 AND action = 'diagnosis.acknowledge'`,
      [signed.id],
    );
    assert.equal(audit.rows[0]?.details.note, '已电话通知患者立即转诊');
  });

  test('the requester cancels before a signature; not after', async () => {
    const d = await requestDiagnosis(t, 'doctor.c1', await ecg());
    await must('specialist.h1', d.id, 'claim');
    const cancelled = await must('doctor.c1', d.id, 'cancel', { reason: '患者已转上级医院' });
    assert.equal(cancelled.status, 'cancelled');
    assert.equal(cancelled.cancelReason, '患者已转上级医院');
    const signed = await signedBy('specialist.h1');
    const late = await act('doctor.c1', signed.id, 'cancel', { reason: '不需要了' });
    assert.equal(late.status, 409);
    assert.equal(late.body.error.code, 'invalid_transition');
  });
});

describe('create: retries and bad input', () => {
  test('one Idempotency-Key gives back the same request; another body with it is refused', async () => {
    const body = await ecg();
    const key = `diag-${randomUUID()}`;
    const token = await t.login('doctor.c1');
    const send = (b: unknown) =>
      t.call('POST', '/api/diagnosis-requests', { token, body: b, headers: { 'idempotency-key': key } });
    const [a, b] = await Promise.all([send(body), send(body)]);
    assert.deepEqual([a.status, b.status].sort(), [200, 201]);
    assert.equal(a.body.id, b.body.id);
    const other = await send({ ...body, question: '另一个问题' });
    assert.equal(other.status, 409);
    assert.equal(other.body.error.code, 'idempotency_key_reused');
  });

  test('bad input gets a clear 4xx in the one error shape, and nothing is written', async () => {
    const token = await t.login('doctor.c1');
    const count = async () =>
      Number((await owner.query('SELECT count(*) AS n FROM diagnosis_requests')).rows[0].n);
    const before = await count();
    const good = await ecg();
    const cases: [Record<string, unknown>, number, string][] = [
      [{ ...good, kind: 'eeg' }, 400, 'invalid_request'],
      [{ ...good, studyInstanceUid: 'not a uid' }, 400, 'invalid_request'],
      [{ ...good, question: '' }, 400, 'invalid_request'],
      [{ ...good, extra: 1 }, 400, 'invalid_request'],
      [{ ...good, kind: 'imaging' }, 400, 'not_a_reading_centre'],
      [{ ...good, toDepartmentId: t.dir.dept['H2/IM'] }, 400, 'not_a_reading_centre'],
      [{ ...good, studyInstanceUid: '1.2.3.999' }, 400, 'study_not_available'],
      [{ ...good, patientId: randomUUID() }, 404, 'not_found'],
    ];
    for (const [body, status, code] of cases) {
      const res = await t.call('POST', '/api/diagnosis-requests', { token, body });
      assert.equal(res.status, status, `${JSON.stringify(body)} → ${JSON.stringify(res.body)}`);
      assert.equal(res.body.error.code, code);
      assert.equal(typeof res.body.error.message, 'string');
    }
    const d = await requestDiagnosis(t, 'doctor.c1', good);
    const stale = await t.call('POST', `/api/diagnosis-requests/${d.id}/actions/claim`, {
      token: await t.login('specialist.h1'),
      body: { version: 7 },
    });
    assert.equal(stale.status, 409);
    const badReport = await act('specialist.h1', d.id, 'report', { report: { findings: 'x' } });
    assert.equal(badReport.status, 400);
    const badId = await t.call('GET', '/api/diagnosis-requests/not-a-uuid', { token });
    assert.equal(badId.status, 404, 'an id that is no id is simply not found');
    assert.equal(badId.body.error.code, 'not_found');
    const signNothing = await act('specialist.h1', d.id, 'sign');
    assert.equal(signNothing.status, 403, 'nobody claimed it: the reader may not sign');
    assert.equal(await count(), before + 1, 'only the one good request was written');
  });
});
