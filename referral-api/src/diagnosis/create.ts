// 诊断申请: a doctor sends one study with the clinical information, the question and a priority to
// a reading centre their institution has a route to. The study must already be one the requester
// may send (shared about this patient, or uploaded by their institution: migration 021), and it is
// shared to the request from then on. Retried with the same Idempotency-Key, the first request
// comes back; with another body, 409.
import { createHash } from 'node:crypto';
import {
  TURNAROUND_MINUTES,
  type CreateDiagnosisRequestBody,
  type DiagnosisRequest,
} from '@tiered-care/common';
import { Conflict, Forbidden, hasRole, Invalid, NotFound, type Actor, type Db } from '@tiered-care/platform';
import { PatientNotHeld } from '../patients/holds';
import { recordChange } from './live';
import { loadRequestRow } from './model';
import { describeRequest } from './read';

export interface CreatedRequest {
  request: DiagnosisRequest;
  replayed: boolean;
}

/** requestedAt + the turnaround target of the kind and priority. */
export function dueAt(body: Pick<CreateDiagnosisRequestBody, 'kind' | 'priority'>, from: Date): Date {
  return new Date(from.getTime() + TURNAROUND_MINUTES[body.kind][body.priority] * 60_000);
}

interface Checked {
  patient_found: boolean;
  holds: boolean;
  centre_id: string | null;
  kinds: string[] | null;
  routed: boolean;
  endpoint_id: string | null;
  referral_ok: boolean;
}

async function check(db: Db, actor: Actor, body: CreateDiagnosisRequestBody): Promise<Checked> {
  const { rows } = await db.query<Checked>(
    `SELECT EXISTS (SELECT 1 FROM patients WHERE id = $1) AS patient_found,
       institution_holds_patient($1) AS holds,
       c.id AS centre_id, c.kinds,
       EXISTS (SELECT 1 FROM reading_routes r WHERE r.centre_id = c.id AND r.from_institution_id = $4) AS routed,
       diagnosis_study_endpoint($5, $1) AS endpoint_id,
       ($6::uuid IS NULL OR EXISTS (SELECT 1 FROM referrals r WHERE r.id = $6 AND r.patient_id = $1)) AS referral_ok
     FROM (SELECT 1) one
     LEFT JOIN reading_centres c ON c.institution_id = $2 AND c.department_id = $3 AND c.active`,
    [
      body.patientId,
      body.toInstitutionId,
      body.toDepartmentId,
      actor.institutionId,
      body.studyInstanceUid,
      body.referralId ?? null,
    ],
  );
  const c = rows[0];
  if (!c) throw new Error('the create checks returned no row');
  return c;
}

/** A retry: the request this caller created under the key, if the body is the same. */
async function replay(db: Db, actor: Actor, key: string, hash: string): Promise<CreatedRequest | null> {
  const { rows } = await db.query<{ id: string; request_hash: string }>(
    'SELECT id, request_hash FROM diagnosis_requests WHERE requester_user_id = $1 AND idempotency_key = $2',
    [actor.userId, key],
  );
  const prior = rows[0];
  if (!prior) return null;
  if (prior.request_hash !== hash)
    throw Conflict('idempotency_key_reused', 'this Idempotency-Key was already used for a different request');
  const row = await loadRequestRow(db, actor.userId, prior.id);
  return { request: await describeRequest(db, actor, row), replayed: true };
}

export async function createDiagnosisRequest(
  db: Db,
  actor: Actor,
  body: CreateDiagnosisRequestBody,
  idempotencyKey: string | null,
): Promise<CreatedRequest> {
  if (!actor.institutionId || !hasRole(actor, 'doctor', 'specialist'))
    throw Forbidden('role_required', 'only doctors and specialists request a diagnosis');
  const hash = createHash('sha256').update(JSON.stringify(body)).digest('hex');
  if (idempotencyKey) {
    const earlier = await replay(db, actor, idempotencyKey, hash);
    if (earlier) return earlier;
  }
  const c = await check(db, actor, body);
  if (!c.patient_found) throw NotFound('patient');
  if (!c.holds) throw PatientNotHeld();
  if (!c.centre_id || !c.kinds?.includes(body.kind))
    throw Invalid('not_a_reading_centre', `that department does not read ${body.kind} for the consortium`);
  if (!c.routed) throw Forbidden('route_not_allowed', 'your institution may not send to that reading centre');
  if (!c.referral_ok)
    throw Invalid('referral_mismatch', 'the referral is not one of yours about this patient');
  if (!c.endpoint_id)
    throw Invalid(
      'study_not_available',
      'the study is not one you may send: share it to a referral about this patient or upload it first',
    );
  const now = new Date();
  // ON CONFLICT: a concurrent retry with the same key waits on the first insert, then replays it.
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO diagnosis_requests (consortium_id, kind, patient_id, study_instance_uid, modality,
       pacs_endpoint_id, referral_id, requester_user_id, from_institution_id, centre_id, to_institution_id,
       to_department_id, priority, clinical_info, question, requested_at, due_at, idempotency_key, request_hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
     ON CONFLICT (requester_user_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
     RETURNING id`,
    [
      actor.consortiumId,
      body.kind,
      body.patientId,
      body.studyInstanceUid,
      body.kind === 'ecg' ? 'ECG' : null,
      c.endpoint_id,
      body.referralId ?? null,
      actor.userId,
      actor.institutionId,
      c.centre_id,
      body.toInstitutionId,
      body.toDepartmentId,
      body.priority,
      body.clinicalInfo,
      body.question,
      now,
      dueAt(body, now),
      idempotencyKey,
      idempotencyKey ? hash : null,
    ],
  );
  const id = rows[0]?.id;
  if (!id) {
    const earlier = idempotencyKey ? await replay(db, actor, idempotencyKey, hash) : null;
    if (!earlier) throw new Error('diagnosis request insert returned nothing');
    return earlier;
  }
  await recordChange(db, actor, id, 'create', null, {
    kind: body.kind,
    priority: body.priority,
    studyInstanceUid: body.studyInstanceUid,
  });
  const row = await loadRequestRow(db, actor.userId, id);
  return { request: await describeRequest(db, actor, row), replayed: false };
}
