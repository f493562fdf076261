// One consultation row as the workflow code needs it, and the caller's relation to it.
import type { ConsultationStatus, ParticipantRole, Priority } from '@tiered-care/common';
import { NotFound, type Actor, type Db } from '@tiered-care/platform';
import type { ConsultationParty, ConsultationState } from './workflow';

export interface ConsultationRow {
  id: string;
  title: string;
  status: ConsultationStatus;
  version: number;
  scheduledAt: Date | null;
  durationMinutes: number | null;
  hostUserId: string | null;
  hostInstitutionId: string | null;
  referralId: string | null;
  patientId: string | null;
  requestedBy: string | null;
  requesterInstitutionId: string | null;
  toInstitutionId: string | null;
  toDepartmentId: string | null;
  specialistUserId: string | null;
  priority: Priority | null;
  decisionDueAt: Date | null;
  /** The caller's part, or null when they see it only as requesting or receiving staff. */
  myRole: ParticipantRole | null;
}

/** 'ended' once the consultation is about a patient the caller no longer sees (migration 015). */
export type PatientAccess = 'open' | 'ended';

/** The patientAccess of consultation `c` as SQL: the patients policy decides. */
export const PATIENT_ACCESS_SQL = `CASE WHEN c.patient_id IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM patients pa WHERE pa.id = c.patient_id) THEN 'ended' ELSE 'open' END`;

/** The request's parties joined to consultation `c`: requester (ru, ri) and receiver (ti, td). */
export const REQUEST_PARTIES_SQL = `LEFT JOIN users ru ON ru.id = c.requested_by
     LEFT JOIN institutions ri ON ri.id = c.requester_institution_id
     LEFT JOIN institutions ti ON ti.id = c.to_institution_id
     LEFT JOIN departments td ON td.id = c.to_department_id`;

/** The row the caller can see (row-level security decides), optionally locked; else NotFound. */
export async function loadConsultation(
  db: Db,
  actor: Actor,
  id: string,
  opts: { lock?: boolean } = {},
): Promise<ConsultationRow> {
  const { rows } = await db.query<ConsultationRow>(
    `SELECT c.id, c.title, c.status, c.version, c.scheduled_at AS "scheduledAt",
            c.duration_minutes AS "durationMinutes", c.host_user_id AS "hostUserId",
            c.host_institution_id AS "hostInstitutionId", c.referral_id AS "referralId",
            c.patient_id AS "patientId", c.requested_by AS "requestedBy",
            c.requester_institution_id AS "requesterInstitutionId", c.to_institution_id AS "toInstitutionId",
            c.to_department_id AS "toDepartmentId", c.specialist_user_id AS "specialistUserId",
            c.priority, c.decision_due_at AS "decisionDueAt",
            (SELECT p.role FROM consultation_participants p
             WHERE p.consultation_id = c.id AND p.user_id = $2) AS "myRole"
     FROM consultations c WHERE c.id = $1 ${opts.lock ? 'FOR UPDATE OF c' : ''}`,
    [id, actor.userId],
  );
  const row = rows[0];
  if (!row) throw NotFound('consultation');
  return row;
}

export const stateOf = (c: ConsultationRow): ConsultationState => ({
  status: c.status,
  requesterInstitutionId: c.requesterInstitutionId,
  toInstitutionId: c.toInstitutionId,
  toDepartmentId: c.toDepartmentId,
  specialistUserId: c.specialistUserId,
});

export const partyOf = (actor: Actor, c: ConsultationRow): ConsultationParty => ({
  userId: actor.userId,
  institutionId: actor.institutionId,
  departmentId: actor.departmentId,
  roles: actor.roles,
  participantRole: c.myRole,
});

/** Statuses in which the room is open: joining, chat, recording, sharing. */
export const ROOM_OPEN: readonly ConsultationStatus[] = ['scheduled', 'live'];
/** Statuses after which nothing about the session changes any more. */
export const CLOSED: readonly ConsultationStatus[] = ['ended', 'reported', 'declined', 'cancelled'];
