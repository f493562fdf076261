// What every change to a request writes besides itself, in the same transaction: the history row,
// the audit row, and the live event (outbox) that signaling sends to the requesting doctor and to
// the reading centre's department. Ids and statuses only: clients fetch details through the API.
import type { DiagnosisStatus } from '@tiered-care/common';
import { audit, liveEvent, type Actor, type Db } from '@tiered-care/platform';

export const DIAGNOSIS_CHANNEL = 'diagnosis_changed';

export async function auditDiagnosis(
  db: Db,
  actor: Actor,
  action: string,
  r: { id: string; patientId: string; referralId: string | null },
  details: Record<string, unknown> = {},
): Promise<void> {
  await audit(db, actor, {
    action: `diagnosis.${action}`,
    entityType: 'diagnosis_request',
    entityId: r.id,
    referralId: r.referralId,
    patientId: r.patientId,
    details,
  });
}

/** History, audit and the live event of one change; the request row is already updated. */
export async function recordChange(
  db: Db,
  actor: Actor,
  requestId: string,
  action: string,
  fromStatus: DiagnosisStatus | null,
  details: Record<string, unknown> = {},
): Promise<void> {
  const { rows } = await db.query<{
    status: DiagnosisStatus;
    version: number;
    patientId: string;
    referralId: string | null;
    requesterUserId: string;
    fromInstitutionId: string;
    toInstitutionId: string;
    toDepartmentId: string;
    critical: boolean;
  }>(
    `WITH ev AS (
       INSERT INTO diagnosis_events (request_id, action, from_status, to_status, actor_user_id, details)
       SELECT id, $2, $3, status, $4, $5 FROM diagnosis_requests WHERE id = $1)
     SELECT status, version, patient_id AS "patientId", referral_id AS "referralId",
       requester_user_id AS "requesterUserId", from_institution_id AS "fromInstitutionId",
       to_institution_id AS "toInstitutionId", to_department_id AS "toDepartmentId", critical
     FROM diagnosis_requests WHERE id = $1`,
    [requestId, action, fromStatus, actor.userId, details],
  );
  const r = rows[0];
  if (!r) throw new Error('diagnosis request vanished inside its transaction');
  await auditDiagnosis(
    db,
    actor,
    action,
    { id: requestId, patientId: r.patientId, referralId: r.referralId },
    {
      fromStatus,
      toStatus: r.status,
      ...details,
    },
  );
  await liveEvent(db, DIAGNOSIS_CHANNEL, {
    requestId,
    action,
    status: r.status,
    version: r.version,
    requesterUserId: r.requesterUserId,
    fromInstitutionId: r.fromInstitutionId,
    toInstitutionId: r.toInstitutionId,
    toDepartmentId: r.toDepartmentId,
    critical: r.critical,
    actorUserId: actor.userId,
  });
}
