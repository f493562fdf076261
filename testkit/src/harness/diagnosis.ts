// Steps for the remote-diagnosis tests: a study a clinic may send (its upload claim in the
// region's archive, as pacs-bridge's upload records it), and requests walked through the API.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { TestApp } from './testApp';

let nextUid = 1;
/** A fresh StudyInstanceUID the institution `code` uploaded to the region's archive (no images). */
export async function uploadedStudy(owner: pg.Client, code: string): Promise<string> {
  const uid = `1.2.826.0.1.3680043.10.1401.${process.pid}.${nextUid++}`;
  await owner.query(
    `WITH c AS (SELECT id FROM consortia LIMIT 1),
     e AS (INSERT INTO pacs_endpoints (consortium_id, name, base_url)
           SELECT id, '区域影像中心', 'http://127.0.0.1:9/dicom-web' FROM c
           ON CONFLICT DO NOTHING RETURNING id),
     ep AS (SELECT id FROM e UNION ALL SELECT id FROM pacs_endpoints WHERE institution_id IS NULL)
     INSERT INTO pacs_uploads (pacs_endpoint_id, study_instance_uid, institution_id, uploaded_by)
     SELECT (SELECT id FROM ep LIMIT 1), $1, i.id, u.id FROM institutions i
     JOIN users u ON u.institution_id = i.id WHERE i.code = $2 ORDER BY u.username LIMIT 1`,
    [uid, code],
  );
  return uid;
}

export interface DiagnosisCall {
  status: number;
  body: any;
}

export async function diagnosisAct(
  t: TestApp,
  username: string,
  id: string,
  action: string,
  body: Record<string, unknown> = {},
): Promise<DiagnosisCall> {
  const token = await t.login(username);
  const current = await t.call('GET', `/api/diagnosis-requests/${id}`, { token });
  assert.equal(current.status, 200, `${username} reads ${id}: ${JSON.stringify(current.body)}`);
  return t.call('POST', `/api/diagnosis-requests/${id}/actions/${action}`, {
    token,
    body: { version: current.body.version, ...body },
  });
}

export async function mustDiagnosisAct(
  t: TestApp,
  username: string,
  id: string,
  action: string,
  body: Record<string, unknown> = {},
): Promise<any> {
  const res = await diagnosisAct(t, username, id, action, body);
  assert.equal(res.status, 200, `${username} ${action}: ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function requestDiagnosis(
  t: TestApp,
  username: string,
  body: Record<string, unknown>,
): Promise<any> {
  const res = await t.call('POST', '/api/diagnosis-requests', {
    token: await t.login(username),
    body,
    headers: { 'idempotency-key': randomUUID() },
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body;
}
