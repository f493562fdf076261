import { createHash, randomUUID } from 'node:crypto';
import type { CreateReferralBody, ReferralStatus } from '@tiered-care/common';
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
import { PatientNotHeld } from '../patients/holds';
import { routeQuery, routeTarget, type RouteRow } from '../institutions/directory';
import { newCheckInCode, referralNumber } from './codes';
import { decisionDueAt } from './dueTime';
import { recordChange, type Change } from './history';
import { prepared } from '../db/prepared';
import { eventOf } from './actionRow';
import {
  detailOf,
  loadReferralRow,
  referralDetail,
  type ReferralDetail,
  type ReferralRow,
} from './referralRow';
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

/** What create checks and shows, read in one statement with the Idempotency-Key's claim. */
interface Checked extends Partial<RouteRow> {
  claimed: boolean;
  patient_found: boolean;
  holds: boolean;
  seq: number | null;
  patient_name: string | null;
  patient_gender: string | null;
  patient_birth_date: string | null;
  patient_id_last4: string | null;
  patient_phone: string | null;
  from_institution_name: string;
  from_department_name: string | null;
  from_user_name: string;
  to_institution_name: string;
  to_department_name: string | null;
}

// The claim comes first in the statement: a concurrent retry with the same key blocks on it until
// we commit. A number is drawn only when the referral is going to be written.
const CHECK = `WITH claim AS (
    INSERT INTO idempotency_keys (user_id, key, request_hash, referral_id)
    SELECT $1::uuid, $2::text, $3::text, $4::uuid WHERE $2::text IS NOT NULL
    ON CONFLICT DO NOTHING RETURNING key)
  SELECT c.claimed, p.id IS NOT NULL AS patient_found, institution_holds_patient($5::uuid) AS holds,
    rt.*, CASE WHEN c.claimed AND p.id IS NOT NULL AND rt.direction IS NOT NULL
      THEN nextval('referral_no_seq') END AS seq,
    p.name AS patient_name, p.gender AS patient_gender, to_char(p.birth_date, 'YYYY-MM-DD') AS patient_birth_date,
    p.id_number_last4 AS patient_id_last4, p.phone AS patient_phone,
    fi.name AS from_institution_name, fd.name AS from_department_name, fu.display_name AS from_user_name,
    ti.name AS to_institution_name, td.name AS to_department_name
  FROM (SELECT $2::text IS NULL OR EXISTS (SELECT 1 FROM claim) AS claimed) c
  LEFT JOIN patients p ON p.id = $5::uuid
  LEFT JOIN LATERAL (${routeQuery('$6', '$7', '$8')}) rt ON true
  LEFT JOIN institutions fi ON fi.id = $6::uuid
  LEFT JOIN departments fd ON fd.id = $9::uuid
  LEFT JOIN users fu ON fu.id = $1::uuid
  LEFT JOIN institutions ti ON ti.id = $7::uuid
  LEFT JOIN departments td ON td.id = $8::uuid`;

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
  const requestHash = createHash('sha256').update(JSON.stringify(body)).digest('hex');
  const { rows } = await db.query<Checked>(
    prepared(CHECK, [
      actor.userId,
      idempotencyKey,
      requestHash,
      id,
      body.patientId,
      actor.institutionId,
      body.toInstitutionId,
      body.toDepartmentId ?? null,
      actor.departmentId,
    ]),
  );
  const checked = rows[0];
  if (!checked) throw new Error('the create checks returned no row');
  if (!checked.claimed && idempotencyKey) return replay(db, actor, idempotencyKey, requestHash);

  if (!checked.patient_found) throw NotFound('patient');
  if (!checked.holds) throw PatientNotHeld();
  const route = routeTarget(checked.direction ? (checked as RouteRow) : null);
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
  const status: ReferralStatus = body.draft ? 'draft' : booking ? 'scheduled' : 'submitted';
  const values = [
    id,
    referralNumber(checked.seq ?? 0, now),
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
  ];
  const change: Change = {
    referralId: id,
    action: body.draft ? 'create' : 'submit',
    fromStatus: null,
    toStatus: status,
    version: 1,
    fromInstitutionId: actor.institutionId,
    toInstitutionId: body.toInstitutionId,
    details: booking ? { slotId: booking.slotId, appointmentAt: booking.startsAt.toISOString() } : {},
  };
  const written = await recordChange(db, crypto, actor, change, {
    write: { text: `${INSERT_REFERRAL} RETURNING *`, values },
  });
  // The response from the row as written and the names the checks read: no re-read.
  const row: ReferralRow = {
    ...(written.row as Omit<ReferralRow, 'patient_visible'>),
    patient_visible: true,
    patient_name: checked.patient_name,
    patient_gender: checked.patient_gender,
    patient_birth_date: checked.patient_birth_date,
    patient_id_last4: checked.patient_id_last4,
    patient_phone: checked.patient_phone,
    from_institution_name: checked.from_institution_name,
    from_department_name: checked.from_department_name,
    from_user_name: checked.from_user_name,
    to_institution_name: checked.to_institution_name,
    to_department_name: checked.to_department_name,
  };
  const names = { name: checked.from_user_name, institutionName: checked.from_institution_name };
  return { referral: detailOf(actor, row, [eventOf(written.event, change, actor, names)]), replayed: false };
}

/** A retry with a key already claimed: the earlier referral, if the request is the same. */
async function replay(db: Db, actor: Actor, key: string, requestHash: string): Promise<Created> {
  const { rows } = await db.query<{ request_hash: string; referral_id: string }>(
    'SELECT request_hash, referral_id FROM idempotency_keys WHERE user_id = $1 AND key = $2',
    [actor.userId, key],
  );
  const prior = rows[0];
  if (!prior || prior.request_hash !== requestHash) {
    throw Conflict('idempotency_key_reused', 'this Idempotency-Key was already used for a different request');
  }
  const row = await loadReferralRow(db, prior.referral_id);
  if (!row) throw NotFound('referral');
  return { referral: await referralDetail(db, actor, row), replayed: true };
}
