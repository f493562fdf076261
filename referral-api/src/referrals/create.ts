import { createHash, randomUUID } from 'node:crypto';
import type { CreateReferralBody } from '@tiered-care/common';
import {
  Conflict,
  Forbidden,
  hasRole,
  Invalid,
  NotFound,
  type Actor,
  type DataCrypto,
  type Db,
} from '@tiered-care/platform';
import { assertHoldsPatient } from '../patients/holds';
import { resolveRoute } from '../institutions/directory';
import { newCheckInCode, referralNumber } from './codes';
import { decisionDueAt } from './dueTime';
import { recordChange } from './history';
import { loadReferralRow, referralDetail, type ReferralDetail } from './referralRow';
import { bookSlot } from './slots';

/** A new referral row, every column a parameter (the write benchmark's raw path uses it too). */
export const INSERT_REFERRAL = `INSERT INTO referrals (id, referral_no, direction, type, priority, status, patient_id,
       from_institution_id, from_department_id, from_user_id, to_institution_id, to_department_id,
       reason, diagnosis_code, diagnosis_text, summary, study_instance_uids,
       submitted_at, decision_due_at, decided_at, slot_id, appointment_at, appointment_location, check_in_code)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24)`;

export interface Created {
  referral: ReferralDetail;
  /** True when the Idempotency-Key was seen before and the earlier referral is returned. */
  replayed: boolean;
}

export async function createReferral(
  db: Db,
  crypto: DataCrypto,
  actor: Actor,
  body: CreateReferralBody,
  idempotencyKey: string | null,
): Promise<Created> {
  if (!actor.institutionId || !hasRole(actor, 'doctor', 'specialist', 'coordinator')) {
    throw Forbidden('role_required', 'only doctors, specialists and coordinators refer patients');
  }
  const id = randomUUID();

  if (idempotencyKey) {
    const requestHash = createHash('sha256').update(JSON.stringify(body)).digest('hex');
    // Claim the key first: a concurrent retry with the same key blocks here until we commit.
    const claimed = await db.query(
      `INSERT INTO idempotency_keys (user_id, key, request_hash, referral_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING key`,
      [actor.userId, idempotencyKey, requestHash, id],
    );
    if (claimed.rowCount === 0) {
      const { rows } = await db.query<{ request_hash: string; referral_id: string }>(
        'SELECT request_hash, referral_id FROM idempotency_keys WHERE user_id = $1 AND key = $2',
        [actor.userId, idempotencyKey],
      );
      const prior = rows[0];
      if (!prior || prior.request_hash !== requestHash) {
        throw Conflict(
          'idempotency_key_reused',
          'this Idempotency-Key was already used for a different request',
        );
      }
      const row = await loadReferralRow(db, prior.referral_id);
      if (!row) throw NotFound('referral');
      return { referral: await referralDetail(db, actor, row), replayed: true };
    }
  }

  const patient = await db.query('SELECT 1 FROM patients WHERE id = $1', [body.patientId]);
  if (patient.rowCount === 0) throw NotFound('patient');
  await assertHoldsPatient(db, body.patientId);

  const route = await resolveRoute(
    db,
    actor.institutionId,
    body.toInstitutionId,
    body.toDepartmentId ?? null,
  );
  if (!route) {
    throw Forbidden('route_not_allowed', 'your institution may not refer to that institution');
  }
  if (body.slotId && body.draft) {
    throw Invalid('slot_needs_submit', 'a slot is booked on submission; save the draft without one');
  }
  if (body.slotId && !(body.type === 'outpatient' && route.direction === 'up')) {
    throw Invalid('slot_not_applicable', 'slots are booked at submission only for outpatient up-referrals');
  }

  const now = new Date();
  const booking = body.slotId
    ? await bookSlot(db, body.slotId, body.toInstitutionId, body.toDepartmentId ?? null, body.type)
    : null;
  const status = body.draft ? 'draft' : booking ? 'scheduled' : 'submitted';
  const { rows: seq } = await db.query<{ n: number }>("SELECT nextval('referral_no_seq') AS n");

  await db.query(INSERT_REFERRAL, [
    id,
    referralNumber(seq[0]?.n ?? 0, now),
    route.direction,
    body.type,
    body.priority,
    status,
    body.patientId,
    actor.institutionId,
    actor.departmentId,
    actor.userId,
    body.toInstitutionId,
    body.toDepartmentId ?? null,
    body.reason,
    body.diagnosis.code,
    body.diagnosis.text,
    body.summary,
    body.studyInstanceUids ?? [],
    body.draft ? null : now,
    body.draft ? null : decisionDueAt(body.priority, now),
    booking ? now : null,
    booking?.slotId ?? null,
    booking?.startsAt ?? null,
    booking?.location ?? null,
    booking ? newCheckInCode() : null,
  ]);
  await recordChange(db, crypto, actor, {
    referralId: id,
    action: body.draft ? 'create' : 'submit',
    fromStatus: null,
    toStatus: status,
    version: 1,
    fromInstitutionId: actor.institutionId,
    toInstitutionId: body.toInstitutionId,
    details: booking ? { slotId: booking.slotId, appointmentAt: booking.startsAt.toISOString() } : {},
  });
  const row = await loadReferralRow(db, id);
  if (!row) throw NotFound('referral');
  return { referral: await referralDetail(db, actor, row), replayed: false };
}
