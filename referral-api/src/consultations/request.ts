// 会诊申请: a clinician asks another institution of the consortium for a remote consultation
// about a referral or a patient. The request waits for the receiving side's decision under the
// same clock as referrals (emergency 2 h, urgent 24 h, routine 3 days).
import { randomUUID } from 'node:crypto';
import type { RequestConsultationBody } from '@tiered-care/common';
import { hasRole, Invalid, type Actor, type DataCrypto, type Db } from '@tiered-care/platform';
import { decisionDueAt } from '../referrals/dueTime';
import { assertClinician, resolvePatient } from './create';
import { recordConsultationChange } from './events';
import { getConsultation, type ConsultationDetail } from './read';

export async function requestConsultation(
  db: Db,
  crypto: DataCrypto,
  actor: Actor,
  body: RequestConsultationBody,
): Promise<ConsultationDetail> {
  assertClinician(actor, 'request');
  if (body.toInstitutionId === actor.institutionId) {
    throw Invalid('same_institution', 'a consultation request goes to another institution');
  }
  const target = await routeTarget(db, actor.institutionId, body);
  const patientId = await resolvePatient(db, body.referralId ?? null, body.patientId ?? null);
  if (!patientId)
    throw Invalid('patient_required', 'a consultation request is about a referral or a patient');
  const studies = await assertStudiesShared(db, body.referralId ?? null, body.studyInstanceUids ?? []);

  const id = randomUUID();
  const now = new Date();
  await db.query(
    `INSERT INTO consultations (id, consortium_id, title, status, referral_id, patient_id, requested_by,
       requester_institution_id, to_institution_id, to_department_id, specialist_user_id, priority, question,
       preferred_times, study_instance_uids, decision_due_at, created_at, updated_at)
     VALUES ($1, $2, $3, 'requested', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16)`,
    [
      id,
      actor.consortiumId,
      body.title ?? `${target.departmentName ?? target.institutionName}远程会诊`,
      body.referralId ?? null,
      patientId,
      actor.userId,
      actor.institutionId,
      body.toInstitutionId,
      body.toDepartmentId ?? null,
      body.specialistUserId ?? null,
      body.priority,
      body.question,
      JSON.stringify(body.preferredTimes ?? []),
      studies,
      decisionDueAt(body.priority, now),
      now,
    ],
  );
  // The requesting clinician takes part in the session; a coordinator only arranges it.
  if (hasRole(actor, 'doctor', 'specialist')) {
    await db.query(
      `INSERT INTO consultation_participants (consultation_id, user_id, role) VALUES ($1, $2, 'participant')`,
      [id, actor.userId],
    );
  }
  await recordConsultationChange(db, crypto, actor, {
    consultationId: id,
    patientId,
    referralId: body.referralId ?? null,
    action: 'request',
    fromStatus: null,
    toStatus: 'requested',
    details: {
      toInstitutionId: body.toInstitutionId,
      toDepartmentId: body.toDepartmentId ?? null,
      specialistUserId: body.specialistUserId ?? null,
      priority: body.priority,
    },
  });
  return getConsultation(db, actor, id, { audit: false });
}

/** The consortium's routes decide who may ask whom, in either direction. */
async function routeTarget(
  db: Db,
  fromInstitutionId: string,
  body: RequestConsultationBody,
): Promise<{ institutionName: string; departmentName: string | null }> {
  const { rows } = await db.query<{ institutionName: string; departmentName: string | null; dept: boolean }>(
    `SELECT i.name AS "institutionName", d.name AS "departmentName", (d.id IS NOT NULL) AS dept
     FROM institutions i
     LEFT JOIN departments d ON d.institution_id = i.id AND d.id = $3
     WHERE i.id = $2 AND EXISTS (SELECT 1 FROM referral_routes r
       WHERE (r.from_institution_id = $1 AND r.to_institution_id = $2)
          OR (r.from_institution_id = $2 AND r.to_institution_id = $1))`,
    [fromInstitutionId, body.toInstitutionId, body.toDepartmentId ?? null],
  );
  const t = rows[0];
  if (!t) throw Invalid('no_route', 'the consortium has no route between your institution and that one');
  if (body.toDepartmentId && !t.dept) {
    throw Invalid('department_mismatch', 'that department is not part of the receiving institution');
  }
  if (body.specialistUserId) {
    const { rowCount } = await db.query(
      `SELECT 1 FROM users WHERE id = $1 AND active AND institution_id = $2
         AND ($3::uuid IS NULL OR department_id = $3) AND roles && ARRAY['doctor','specialist']`,
      [body.specialistUserId, body.toInstitutionId, body.toDepartmentId ?? null],
    );
    if (!rowCount) {
      throw Invalid('specialist_mismatch', 'the named specialist does not work in the receiving department');
    }
  }
  return t;
}

/**
 * Studies named at request time must already be shared to the referral (the participants see
 * those); others are shared through pacs-bridge once the request exists, under its rules.
 */
async function assertStudiesShared(db: Db, referralId: string | null, uids: string[]): Promise<string[]> {
  if (uids.length === 0) return [];
  if (!referralId) throw Invalid('study_not_shared', 'share studies to the consultation after requesting it');
  const { rows } = await db.query<{ uid: string }>(
    `SELECT DISTINCT study_instance_uid AS uid FROM shared_studies
     WHERE referral_id = $1 AND study_instance_uid = ANY($2::text[])`,
    [referralId, uids],
  );
  const shared = new Set(rows.map((r) => r.uid));
  const missing = uids.filter((u) => !shared.has(u));
  if (missing.length > 0) {
    throw Invalid('study_not_shared', 'some studies are not shared to the referral', {
      studyInstanceUids: missing,
    });
  }
  return uids;
}
