import { randomUUID } from 'node:crypto';
import type { ScheduleConsultationBody } from '@tiered-care/common';
import { Forbidden, hasRole, Invalid, NotFound, type Actor, type Db } from '@tiered-care/platform';
import { assertHoldsPatient } from '../patients/holds';
import { auditConsultation, notifyParticipants } from './access';
import { insertConsultationEvent } from './events';
import { getConsultation, type ConsultationDetail } from './read';

/** Consultations are arranged and requested by the clinical staff of an institution. */
export function assertClinician(
  actor: Actor,
  verb: 'arrange' | 'request',
): asserts actor is Actor & { institutionId: string } {
  if (!actor.institutionId || !hasRole(actor, 'doctor', 'specialist', 'coordinator')) {
    throw Forbidden('role_required', `only doctors, specialists and coordinators ${verb} consultations`);
  }
}

/**
 * Schedules a consultation hosted by the caller. Participants must be active clinical staff of
 * the caller's consortium; a referral or patient must be one the caller can already see (RLS
 * decides), because every participant will be able to read that patient afterwards.
 */
export async function createConsultation(
  db: Db,
  actor: Actor,
  body: ScheduleConsultationBody,
): Promise<ConsultationDetail> {
  assertClinician(actor, 'arrange');
  if (body.participantUserIds.includes(actor.userId)) {
    throw Invalid('host_listed', 'you take part as the host; list only the others you invite');
  }
  const scheduledAt = new Date(body.scheduledAt);
  if (scheduledAt.getTime() + body.durationMinutes * 60_000 < Date.now()) {
    throw Invalid('scheduled_in_past', 'the consultation would already be over');
  }

  await assertInvitable(db, body.participantUserIds);
  const patientId = await resolvePatient(db, body.referralId ?? null, body.patientId ?? null);

  const id = randomUUID();
  await db.query(
    `INSERT INTO consultations (id, consortium_id, title, scheduled_at, duration_minutes, host_user_id,
       host_institution_id, referral_id, patient_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      id,
      actor.consortiumId,
      body.title,
      scheduledAt,
      body.durationMinutes,
      actor.userId,
      actor.institutionId,
      body.referralId ?? null,
      patientId,
    ],
  );
  // The participant insert policy requires the caller to be the host of this consultation row.
  await db.query(
    `INSERT INTO consultation_participants (consultation_id, user_id, role)
     SELECT $1, u, CASE WHEN u = $2 THEN 'host' ELSE 'participant' END FROM unnest($3::uuid[]) AS u`,
    [id, actor.userId, [actor.userId, ...body.participantUserIds]],
  );
  const ref = { consultationId: id, patientId, referralId: body.referralId ?? null };
  await auditConsultation(db, actor, 'create', ref, {
    participantUserIds: body.participantUserIds,
    scheduledAt: scheduledAt.toISOString(),
  });
  await insertConsultationEvent(db, null, actor, {
    consultationId: id,
    action: 'schedule',
    fromStatus: null,
    toStatus: 'scheduled',
    details: { scheduledAt: scheduledAt.toISOString(), userIds: body.participantUserIds },
  });
  await notifyParticipants(db, actor, id, 'invited', 'scheduled');
  // Read back as the host would; the creation itself is the audited event, not this read.
  return getConsultation(db, actor, id, { audit: false });
}

/** Every id an active user of the consortium with an institution (no regional administrators). */
export async function assertInvitable(db: Db, userIds: string[]): Promise<void> {
  const { rows } = await db.query<{ id: string; ok: boolean }>(
    `SELECT id, (active AND institution_id IS NOT NULL) AS ok FROM users WHERE id = ANY($1::uuid[])`,
    [userIds],
  );
  const ok = new Set(rows.filter((r) => r.ok).map((r) => r.id));
  const refused = userIds.filter((u) => !ok.has(u));
  if (refused.length > 0) {
    throw Invalid('participant_not_invitable', 'some participants are not active staff of this consortium', {
      userIds: refused,
    });
  }
}

/** The patient the consultation is about: given, derived from the referral, or none. */
export async function resolvePatient(
  db: Db,
  referralId: string | null,
  patientId: string | null,
): Promise<string | null> {
  if (referralId) {
    const { rows } = await db.query<{ patient_id: string }>(
      'SELECT patient_id FROM referrals WHERE id = $1',
      [referralId],
    );
    const referral = rows[0];
    if (!referral) throw NotFound('referral');
    if (patientId && patientId !== referral.patient_id) {
      throw Invalid('patient_mismatch', 'the patient is not the one the referral is about');
    }
    await assertHoldsPatient(db, referral.patient_id);
    return referral.patient_id;
  }
  if (patientId) {
    const { rowCount } = await db.query('SELECT 1 FROM patients WHERE id = $1', [patientId]);
    if (!rowCount) throw NotFound('patient');
    await assertHoldsPatient(db, patientId);
  }
  return patientId;
}
