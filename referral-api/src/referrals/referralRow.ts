// Referral rows: loading them out of the database and turning them into the API's Referral.
import type {
  Direction,
  PatientAccess,
  Priority,
  Referral as ApiReferral,
  ReferralStatus,
  ReferralType,
} from '@tiered-care/common';
import { PatientAccessEnded, type Actor, type Db } from '@tiered-care/platform';
import type { z } from 'zod';
import { workflowOnly } from '../workflow/redact';
import { isOverdue } from './dueTime';
import { allowedActions, sideOf, type ReferralState } from './stateMachine';

export interface ReferralRow {
  id: string;
  referral_no: string;
  direction: Direction;
  type: ReferralType;
  priority: Priority;
  status: ReferralStatus;
  version: number;
  patient_id: string;
  /** False once the caller's access to the patient ended (migration 015): the patient columns are null. */
  patient_visible: boolean;
  patient_name: string | null;
  patient_gender: string | null;
  patient_birth_date: string | null;
  patient_id_last4: string | null;
  patient_phone: string | null;
  from_institution_id: string;
  from_institution_name: string;
  from_department_id: string | null;
  from_department_name: string | null;
  from_user_id: string;
  from_user_name: string;
  to_institution_id: string;
  to_institution_name: string;
  to_department_id: string | null;
  to_department_name: string | null;
  reason: string;
  diagnosis_code: string;
  diagnosis_text: string;
  summary: string;
  study_instance_uids: string[];
  submitted_at: Date | null;
  decision_due_at: Date | null;
  decided_at: Date | null;
  info_question: string | null;
  info_answer: string | null;
  reject_reason_code: string | null;
  reject_note: string | null;
  slot_id: string | null;
  appointment_at: Date | null;
  appointment_location: string | null;
  check_in_code: string | null;
  checked_in_at: Date | null;
  completed_at: Date | null;
  feedback: { diagnosis: string; treatment: string; advice: string } | null;
  cancel_reason: string | null;
  parent_referral_id: string | null;
  redirected_to_id: string | null;
  created_at: Date;
  updated_at: Date;
}

export const REFERRAL_SELECT = `
  SELECT r.*, p.id IS NOT NULL AS patient_visible, p.name AS patient_name, p.gender AS patient_gender,
    to_char(p.birth_date, 'YYYY-MM-DD') AS patient_birth_date, p.id_number_last4 AS patient_id_last4,
    p.phone AS patient_phone,
    fi.name AS from_institution_name, fd.name AS from_department_name, fu.display_name AS from_user_name,
    ti.name AS to_institution_name, td.name AS to_department_name
  FROM referrals r
  LEFT JOIN patients p ON p.id = r.patient_id
  JOIN institutions fi ON fi.id = r.from_institution_id
  JOIN institutions ti ON ti.id = r.to_institution_id
  JOIN users fu ON fu.id = r.from_user_id
  LEFT JOIN departments fd ON fd.id = r.from_department_id
  LEFT JOIN departments td ON td.id = r.to_department_id`;

export async function loadReferralRow(db: Db, id: string, forUpdate = false): Promise<ReferralRow | null> {
  // FOR UPDATE OF r: lock only the referral; the joined rows are read-only context.
  const { rows } = await db.query<ReferralRow>(
    `${REFERRAL_SELECT} WHERE r.id = $1 ${forUpdate ? 'FOR UPDATE OF r' : ''}`,
    [id],
  );
  return rows[0] ?? null;
}

export function stateOf(r: ReferralRow): ReferralState {
  return {
    status: r.status,
    fromInstitutionId: r.from_institution_id,
    toInstitutionId: r.to_institution_id,
    toDepartmentId: r.to_department_id,
  };
}

const CODE_STATUSES: ReadonlySet<ReferralStatus> = new Set([
  'accepted',
  'scheduled',
  'checked_in',
  'completed',
  'no_show',
]);

/** The check-in code goes to the sending side and to the receiving coordinators, once accepted. */
export function maySeeCheckInCode(r: ReferralRow, actor: Actor): boolean {
  if (!r.check_in_code || !CODE_STATUSES.has(r.status)) return false;
  const side = sideOf(stateOf(r), actor);
  return side === 'sender' || (side === 'receiver' && actor.roles.includes('coordinator'));
}

export interface ReferralEvent {
  id: number;
  action: string;
  fromStatus: ReferralStatus | null;
  toStatus: ReferralStatus;
  at: Date;
  actor: { userId: string; name: string; institutionId: string; institutionName: string };
  details: Record<string, unknown>;
  signed: boolean;
}

/**
 * A referral's history as one JSON array, oldest first, for `referralId` (an SQL expression): read
 * on its own (loadEvents) or with the locked row of an action (actionRow.ts).
 */
export function eventsJson(referralId: string): string {
  return `coalesce((SELECT json_agg(json_build_object('id', e.id, 'action', e.action,
      'fromStatus', e.from_status, 'toStatus', e.to_status, 'at', e.at,
      'actor', json_build_object('userId', e.actor_user_id, 'name', u.display_name,
        'institutionId', e.actor_institution_id, 'institutionName', i.name),
      'details', e.details, 'signed', e.signature IS NOT NULL) ORDER BY e.id)
    FROM referral_events e JOIN users u ON u.id = e.actor_user_id JOIN institutions i ON i.id = e.actor_institution_id
    WHERE e.referral_id = ${referralId}), '[]')`;
}

/** The events of eventsJson with their times as Dates (JSON gives them as text). */
export function eventsWithDates(events: (Omit<ReferralEvent, 'at'> & { at: string })[]): ReferralEvent[] {
  return events.map((e) => ({ ...e, at: new Date(e.at) }));
}

export async function loadEvents(db: Db, referralId: string): Promise<ReferralEvent[]> {
  const { rows } = await db.query<{ events: (Omit<ReferralEvent, 'at'> & { at: string })[] }>(
    `SELECT ${eventsJson('$1::uuid')} AS events`,
    [referralId],
  );
  return eventsWithDates(rows[0]?.events ?? []);
}

function patientOf(r: ReferralRow) {
  if (!r.patient_visible || r.patient_name === null) return null;
  return {
    id: r.patient_id,
    name: r.patient_name,
    gender: r.patient_gender ?? 'unknown',
    birthDate: r.patient_birth_date ?? '',
    idNumberMasked: `**************${r.patient_id_last4 ?? ''}`,
    phone: r.patient_phone,
  };
}

/**
 * The referral as the caller may see it. Once their access to the patient ended, the work record
 * stays (status, dates, institutions, codes) and what it says about the patient goes.
 */
export function toReferral(r: ReferralRow, actor: Actor) {
  const open = r.patient_visible;
  // 'open' while the caller may see the patient; 'ended' once that care relationship ended for them.
  const patientAccess: PatientAccess = open ? 'open' : 'ended';
  return {
    id: r.id,
    referralNo: r.referral_no,
    status: r.status,
    direction: r.direction,
    type: r.type,
    priority: r.priority,
    version: r.version,
    patient: patientOf(r),
    patientAccess,
    from: {
      institutionId: r.from_institution_id,
      institutionName: r.from_institution_name,
      departmentId: r.from_department_id,
      departmentName: r.from_department_name,
      userId: r.from_user_id,
      userName: r.from_user_name,
    },
    to: {
      institutionId: r.to_institution_id,
      institutionName: r.to_institution_name,
      departmentId: r.to_department_id,
      departmentName: r.to_department_name,
    },
    reason: open ? r.reason : null,
    diagnosis: open ? { code: r.diagnosis_code, text: r.diagnosis_text } : null,
    summary: open ? r.summary : null,
    studyInstanceUids: open ? r.study_instance_uids : [],
    submittedAt: r.submitted_at,
    decisionDueAt: r.decision_due_at,
    overdue: isOverdue(r.status, r.decision_due_at),
    decidedAt: r.decided_at,
    infoRequest: open && r.info_question ? { question: r.info_question, answer: r.info_answer } : null,
    rejection: r.reject_reason_code
      ? { reasonCode: r.reject_reason_code, note: open ? r.reject_note : null }
      : null,
    appointment: r.appointment_at
      ? { at: r.appointment_at, location: r.appointment_location, slotId: r.slot_id }
      : null,
    checkInCode: maySeeCheckInCode(r, actor) ? r.check_in_code : null,
    checkedInAt: r.checked_in_at,
    completedAt: r.completed_at,
    feedback: open ? r.feedback : null,
    cancelReason: open ? r.cancel_reason : null,
    parentReferralId: r.parent_referral_id,
    redirectedToId: r.redirected_to_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export type Referral = ReturnType<typeof toReferral>;

/** A referral whose patient the caller still sees: what a document about the patient is made from. */
export type ReferralWithPatient = Referral & {
  patient: NonNullable<Referral['patient']>;
  diagnosis: NonNullable<Referral['diagnosis']>;
  reason: string;
  summary: string;
};

/** The referral for a document about its patient, or 403 patient_access_ended. */
export function withPatient(r: Referral): ReferralWithPatient {
  const { patient, diagnosis, reason, summary } = r;
  if (!patient || !diagnosis || reason === null || summary === null) throw PatientAccessEnded();
  return { ...r, patient, diagnosis, reason, summary };
}
/** What the API sends for one referral: the common schema's shape, so drift fails to compile. */
export type ReferralDetail = z.input<typeof ApiReferral>;

export async function referralDetail(db: Db, actor: Actor, r: ReferralRow): Promise<ReferralDetail> {
  return detailOf(actor, r, await loadEvents(db, r.id));
}

/** The referral with its history as the caller may see it, from rows already read. */
export function detailOf(actor: Actor, r: ReferralRow, events: ReferralEvent[]): ReferralDetail {
  return {
    ...toReferral(r, actor),
    events: r.patient_visible ? events : events.map((e) => ({ ...e, details: workflowOnly(e.details) })),
    allowedActions: allowedActions(stateOf(r), actor),
  };
}
