// The store-back queue pacs-bridge drains: final versions only, leased so two workers never take
// one version together, outside any user's request, and backed off after a failure.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type pg from 'pg';
import { useTestApp } from '@tiered-care/testkit/harness';
import { claimReportsToStore, recordReportStored, recordReportStoreFailed } from '@tiered-care/referral-api';

const t = useTestApp();
let owner: pg.Client;
let pool: pg.Pool;

/** A request with one signed version written as the owner (the API's own path is tested elsewhere). */
async function signedRequest(final: boolean): Promise<string> {
  const { rows } = await owner.query<{ id: string }>(
    `WITH c AS (SELECT rc.* FROM reading_centres rc JOIN departments d ON d.id = rc.department_id WHERE d.code = 'CARD'),
          u AS (SELECT id, institution_id FROM users WHERE username = 'doctor.c1'),
          e AS (INSERT INTO pacs_endpoints (consortium_id, name, base_url)
                SELECT consortium_id, 'region', 'http://127.0.0.1:9/dicom-web' FROM c
                ON CONFLICT DO NOTHING RETURNING id),
          ep AS (SELECT id FROM e UNION ALL SELECT id FROM pacs_endpoints WHERE institution_id IS NULL LIMIT 1)
     INSERT INTO diagnosis_requests (consortium_id, kind, patient_id, study_instance_uid, pacs_endpoint_id,
       requester_user_id, from_institution_id, centre_id, to_institution_id, to_department_id, priority,
       clinical_info, question, status, due_at, claimed_by, claimed_at, signed_at)
     SELECT c.consortium_id, 'ecg', p.id, '1.2.3.4', (SELECT id FROM ep LIMIT 1), u.id, u.institution_id, c.id,
       c.institution_id, c.department_id, 'urgent', '胸痛', '请读图', $1, now() + interval '1 hour',
       s.id, now(), CASE WHEN $2 THEN now() END
     FROM c, u, patients p, users s WHERE p.name = '张桂兰' AND s.username = 'resident.h1'
     RETURNING diagnosis_requests.id`,
    [final ? 'signed' : 'reported', final],
  );
  const id = rows[0]?.id ?? '';
  await owner.query(
    `INSERT INTO diagnosis_reports (request_id, version, content, signed_by, signer_grade, signature, final)
     SELECT $1, 1, '{"findings":"窦性心律","impression":"正常心电图","critical":false}', id,
       CASE WHEN $2 THEN 'senior' ELSE 'trainee' END, 'c2ln', $2 FROM users WHERE username = 'specialist.h1'`,
    [id, final],
  );
  return id;
}

before(async () => {
  await t.ready();
  owner = await t.client('owner');
  pool = t.services.pool;
});

test('only final versions are offered, each to one claimer at a time, with what the PDF needs', async () => {
  const waiting = await signedRequest(false);
  const done = await signedRequest(true);
  const [a, b] = await Promise.all([
    claimReportsToStore(pool, 10, t.services.crypto),
    claimReportsToStore(pool, 10, t.services.crypto),
  ]);
  const all = [...a, ...b];
  assert.deepEqual(
    all.map((r) => r.requestId),
    [done],
    'the final version once; the trainee version waiting for its co-signature not at all',
  );
  assert.ok(!all.some((r) => r.requestId === waiting));
  const item = all[0];
  assert.ok(item);
  assert.equal(item.patient.name, '张桂兰');
  assert.match(item.patient.pacsPatientId, /^\d{17}[\dX]$/);
  assert.equal(item.report.content.impression, '正常心电图');
  assert.equal(item.request.toDepartment.name, '心内科');
  assert.equal(item.report.verified, false, 'a made-up signature does not verify');
  assert.deepEqual(await claimReportsToStore(pool, 10, t.services.crypto), [], 'leased: not offered again');
});

test('a failure backs off; a stored version leaves the queue for good', async () => {
  const id = await signedRequest(true);
  await owner.query('UPDATE diagnosis_reports SET pacs_lease_until = NULL');
  const claimed = await claimReportsToStore(pool, 10, t.services.crypto);
  assert.ok(claimed.some((r) => r.requestId === id));
  await recordReportStoreFailed(pool, id, 1, 'archive said 503');
  const failed = await owner.query(
    'SELECT pacs_attempts, pacs_error, pacs_lease_until > now() AS later FROM diagnosis_reports WHERE request_id = $1',
    [id],
  );
  assert.deepEqual(failed.rows[0], { pacs_attempts: 1, pacs_error: 'archive said 503', later: true });
  await owner.query('UPDATE diagnosis_reports SET pacs_lease_until = NULL WHERE request_id = $1', [id]);
  assert.ok((await claimReportsToStore(pool, 10, t.services.crypto)).some((r) => r.requestId === id));
  await recordReportStored(pool, id, 1, '1.2.3.4.5.6');
  await owner.query('UPDATE diagnosis_reports SET pacs_lease_until = NULL WHERE request_id = $1', [id]);
  assert.ok(!(await claimReportsToStore(pool, 10, t.services.crypto)).some((r) => r.requestId === id));
  const stored = await owner.query(
    'SELECT pacs_sop_instance_uid FROM diagnosis_reports WHERE request_id = $1',
    [id],
  );
  assert.equal(stored.rows[0]?.pacs_sop_instance_uid, '1.2.3.4.5.6');
});
