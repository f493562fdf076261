// A diagnosis request's study (migration 021): the readers of the centre it was sent to open it
// through the bridge, and so does the requesting clinic; nobody else does, not another centre of
// the same hospital. The readers keep it for CARE_ACCESS_DAYS after the report was signed, and
// lose it at once when the request is cancelled. Each read is audited against the request.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import pg from 'pg';
import {
  institutionIds,
  patientIdOf,
  startBridgeTestApp,
  uploadFresh,
  type BridgeTestApp,
} from '@tiered-care/testkit/bridge';

let t: BridgeTestApp;
let owner: pg.Client;

before(async () => {
  t = await startBridgeTestApp({ phantom: { slices: 4, size: 256 }, bridge: { accessCacheMs: 0 } });
  owner = new pg.Client({ connectionString: t.db.ownerUrl });
  await owner.connect();
});
after(async () => {
  await owner.end();
  await t.close();
});

async function status(study: string, username: string): Promise<number> {
  const res = await t.fetch(`/dicom-web/studies/${study}/metadata`, { token: await t.login(username) });
  await res.body?.cancel();
  return res.status;
}

async function api(username: string, path: string, body?: unknown) {
  const res = await t.fetch(path, {
    method: body === undefined ? 'GET' : 'POST',
    token: await t.login(username),
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { id: string; version: number; status: string } };
}

async function act(username: string, id: string, action: string, extra: Record<string, unknown> = {}) {
  const current = await api(username, `/api/diagnosis-requests/${id}`);
  const res = await api(username, `/api/diagnosis-requests/${id}/actions/${action}`, {
    version: current.body.version,
    ...extra,
  });
  assert.equal(res.status, 200, `${username} ${action}: ${JSON.stringify(res.body)}`);
}

/** A fresh CT of 王秀英 (no referral anywhere), uploaded by her clinic, sent to H1 放射科. */
async function sentStudy(): Promise<{ study: string; id: string }> {
  const inst = await institutionIds(t);
  const dept = await owner.query<{ id: string }>(
    `SELECT d.id FROM departments d JOIN institutions i ON i.id = d.institution_id WHERE i.code = 'H1' AND d.code = 'RAD'`,
  );
  const study = await uploadFresh(t, 'doctor.c1');
  const created = await api('doctor.c1', '/api/diagnosis-requests', {
    kind: 'imaging',
    patientId: await patientIdOf(t, 'doctor.c1', '王秀英'),
    studyInstanceUid: study,
    toInstitutionId: inst.H1,
    toDepartmentId: dept.rows[0]?.id,
    priority: 'urgent',
    clinicalInfo: '咳嗽发热3天',
    question: '肺炎？',
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  return { study, id: created.body.id };
}

test("the centre's readers and the requesting clinic open the request's study; nobody else", async () => {
  const { study, id } = await sentStudy();
  assert.equal(await status(study, 'radiologist.h1'), 200, 'a reader of the centre');
  assert.equal(await status(study, 'doctor.c1'), 200, 'the requester');
  for (const outsider of ['specialist.h1', 'coordinator.h1', 'specialist.h2', 'doctor.c2', 'admin.region']) {
    assert.equal(await status(study, outsider), 404, outsider);
  }
  const audit = await owner.query<{ entity_type: string; details: { studyInstanceUid: string } }>(
    `SELECT a.entity_type, a.details FROM audit_log a JOIN users u ON u.id = a.actor_user_id
     WHERE u.username = 'radiologist.h1' AND a.action = 'pacs.metadata' AND a.entity_id = $1`,
    [id],
  );
  const row = audit.rows[0];
  assert.equal(row?.entity_type, 'diagnosis_request');
  assert.equal(row.details.studyInstanceUid, study);
});

test('the readers keep the study for the care period after signing, and lose it when cancelled', async () => {
  const signed = await sentStudy();
  await act('radiologist.h1', signed.id, 'claim');
  await act('radiologist.h1', signed.id, 'report', {
    report: { findings: '右下肺斑片影', impression: '右下肺炎', critical: false },
  });
  await act('radiologist.h1', signed.id, 'sign');
  assert.equal(await status(signed.study, 'radiologist.h1'), 200, 'just signed');
  await owner.query(`UPDATE diagnosis_requests SET signed_at = now() - interval '100 days' WHERE id = $1`, [
    signed.id,
  ]);
  assert.equal(await status(signed.study, 'radiologist.h1'), 404, 'past CARE_ACCESS_DAYS');
  assert.equal(await status(signed.study, 'doctor.c1'), 200, 'the clinic registered the patient');

  const cancelled = await sentStudy();
  assert.equal(await status(cancelled.study, 'radiologist.h1'), 200);
  await act('doctor.c1', cancelled.id, 'cancel', { reason: '患者已转院' });
  assert.equal(await status(cancelled.study, 'radiologist.h1'), 404);
});
