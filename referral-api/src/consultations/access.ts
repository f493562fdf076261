// Who may touch a consultation: its participants, nobody else. A non-participant gets the same
// answer as for an id that does not exist, so the API never reveals that a consultation exists.
import type { ConsultationStatus, ParticipantRole } from '@tiered-care/common';
import { audit, liveEvent, NotFound, PatientAccessEnded, type Actor, type Db } from '@tiered-care/platform';

export const CONSULTATION_CHANNEL = 'consultation_changed';

export interface ParticipantInfo {
  consultationId: string;
  userId: string;
  role: ParticipantRole;
  recordingConsentAt: Date | null;
  status: ConsultationStatus;
  title: string;
  scheduledAt: Date | null;
  durationMinutes: number | null;
  hostUserId: string | null;
  patientId: string | null;
  referralId: string | null;
}

/** The caller's participation in the consultation (row lock optional), or NotFound. */
export async function assertParticipant(
  db: Db,
  actor: Actor,
  consultationId: string,
  opts: { lock?: boolean } = {},
): Promise<ParticipantInfo> {
  const { rows } = await db.query<ParticipantInfo>(
    `SELECT c.id AS "consultationId", p.user_id AS "userId", p.role,
            p.recording_consent_at AS "recordingConsentAt", c.status, c.title,
            c.scheduled_at AS "scheduledAt", c.duration_minutes AS "durationMinutes",
            c.host_user_id AS "hostUserId", c.patient_id AS "patientId", c.referral_id AS "referralId"
     FROM consultations c
     JOIN consultation_participants p ON p.consultation_id = c.id AND p.user_id = $2
     WHERE c.id = $1 ${opts.lock ? 'FOR UPDATE OF c' : ''}`,
    [consultationId, actor.userId],
  );
  const info = rows[0];
  if (!info) throw NotFound('consultation');
  return info;
}

/**
 * The record of a consultation about a patient (chat, opinions, the record page and report) is
 * about that patient: once the caller's access to them ended (migration 015), 403 patient_access_ended.
 */
export async function assertPatientReachable(db: Db, patientId: string | null): Promise<void> {
  if (!patientId) return;
  const { rowCount } = await db.query('SELECT 1 FROM patients WHERE id = $1', [patientId]);
  if (!rowCount) throw PatientAccessEnded();
}

/** Every participant's user id: who hears of a change. */
export async function participantIds(db: Db, consultationId: string): Promise<string[]> {
  const { rows } = await db.query<{ user_id: string }>(
    'SELECT user_id FROM consultation_participants WHERE consultation_id = $1 ORDER BY invited_at, user_id',
    [consultationId],
  );
  return rows.map((r) => r.user_id);
}

/**
 * Sent in the caller's transaction through the outbox and delivered on commit (signaling forwards
 * it to the users' sockets). Ids only: clients fetch details through the API, which checks access and audits.
 */
export async function notifyParticipants(
  db: Db,
  actor: Actor,
  consultationId: string,
  action: string,
  status: ConsultationStatus,
): Promise<void> {
  const userIds = await participantIds(db, consultationId);
  // A request is news for both institutions' worklists, not only for those taking part.
  const { rows } = await db.query<{ ids: string[] }>(
    `SELECT array_remove(ARRAY[requester_institution_id, to_institution_id], NULL)::text[] AS ids
     FROM consultations WHERE id = $1`,
    [consultationId],
  );
  const institutionIds = rows[0]?.ids ?? [];
  await liveEvent(db, CONSULTATION_CHANNEL, {
    consultationId,
    action,
    status,
    userIds,
    institutionIds,
    actorUserId: actor.userId,
  });
}

/** An audit row about a consultation, naming its patient when it has one. */
export async function auditConsultation(
  db: Db,
  actor: Actor,
  action: string,
  c: { consultationId: string; patientId: string | null; referralId?: string | null },
  details: Record<string, unknown> = {},
): Promise<void> {
  await audit(db, actor, {
    action: `consultation.${action}`,
    entityType: 'consultation',
    entityId: c.consultationId,
    patientId: c.patientId,
    referralId: c.referralId ?? null,
    details,
  });
}
