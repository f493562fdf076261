// Taking an action on a referral: lock the row, ask the state machine, apply the action's own
// effects, bump the version, and write event + audit + notification, all in the caller's
// transaction so they commit together or not at all.
import { randomUUID } from 'node:crypto';
import {
  OPEN_STATUSES,
  type ActionBodies,
  type ReferralAction,
  type ReferralStatus,
} from '@tiered-care/common';
import { Forbidden, Invalid, NotFound, type Actor, type DataCrypto, type Db } from '@tiered-care/platform';
import { resolveRoute } from '../institutions/directory';
import { decision, refuseOrRunEffects, transitionSql, type EffectInput } from '../workflow/guard';
import { newCheckInCode, referralNumber } from './codes';
import { decisionDueAt } from './dueTime';
import { recordChange } from './history';
import { eventOf, lockForAction } from './actionRow';
import { detailOf, loadReferralRow, stateOf, type ReferralDetail, type ReferralRow } from './referralRow';
import { allowedActions, judge, SIGNED_ACTIONS } from './stateMachine';
import { bookSlot, releaseSlot } from './slots';

interface Effects {
  /** Columns to set besides status/version/updated_at. */
  set: Record<string, unknown>;
  details: Record<string, unknown>;
  /** Overrides the transition's target (submit with a booked slot goes straight to scheduled). */
  to?: ReferralStatus;
}

type Input<A extends ReferralAction> = EffectInput<ReferralRow, ActionBodies[A]>;

type EffectFns = { [A in ReferralAction]: (i: Input<A>) => Effects | Promise<Effects> };

const EFFECTS: EffectFns = {
  async submit({ db, row, body, now }) {
    const set: Record<string, unknown> = {
      submitted_at: now,
      decision_due_at: decisionDueAt(row.priority, now),
    };
    if (!body.slotId) return { set, details: {} };
    if (!(row.type === 'outpatient' && row.direction === 'up')) {
      throw Invalid('slot_not_applicable', 'slots are booked at submission only for outpatient up-referrals');
    }
    const b = await bookSlot(db, body.slotId, row.to_institution_id, row.to_department_id, row.type);
    return {
      to: 'scheduled',
      set: {
        ...set,
        decided_at: now,
        slot_id: b.slotId,
        appointment_at: b.startsAt,
        appointment_location: b.location,
        check_in_code: newCheckInCode(),
      },
      details: { slotId: b.slotId, appointmentAt: b.startsAt.toISOString() },
    };
  },
  accept: ({ actor, row, body, now }) => ({
    set: { ...decision(actor, now), check_in_code: row.check_in_code ?? newCheckInCode() },
    details: body.note ? { note: body.note } : {},
  }),
  reject: ({ actor, body, now }) => ({
    set: { ...decision(actor, now), reject_reason_code: body.reasonCode, reject_note: body.note },
    details: { reasonCode: body.reasonCode, note: body.note },
  }),
  'request-info': ({ body }) => ({
    set: { info_question: body.question, info_answer: null },
    details: { question: body.question },
  }),
  // The receiving side gets a fresh decision window once it has what it asked for.
  'provide-info': ({ row, body, now }) => ({
    set: { info_answer: body.answer, decision_due_at: decisionDueAt(row.priority, now) },
    details: { answer: body.answer },
  }),
  async redirect({ db, crypto, actor, row, body, now }) {
    if (body.toInstitutionId === row.to_institution_id) {
      throw Invalid('same_target', 'redirect to another institution, not to this one');
    }
    const route = await resolveRoute(
      db,
      row.from_institution_id,
      body.toInstitutionId,
      body.toDepartmentId ?? null,
    );
    if (!route)
      throw Forbidden('route_not_allowed', 'the referring institution may not refer to that institution');
    const newId = randomUUID();
    const { rows: seq } = await db.query<{ n: number }>("SELECT nextval('referral_no_seq') AS n");
    // The follow-up referral is the sender's, on their behalf; it is not returned here because
    // the redirecting institution does not take part in it.
    await db.query(
      `INSERT INTO referrals (id, referral_no, direction, type, priority, status, patient_id,
         from_institution_id, from_department_id, from_user_id, to_institution_id, to_department_id,
         reason, diagnosis_code, diagnosis_text, summary, study_instance_uids, submitted_at, decision_due_at,
         parent_referral_id)
       SELECT $2, $3, $4, type, priority, 'submitted', patient_id, from_institution_id, from_department_id,
         from_user_id, $5, $6, reason, diagnosis_code, diagnosis_text, summary, study_instance_uids, $7, $8, id
       FROM referrals WHERE id = $1`,
      [
        row.id,
        newId,
        referralNumber(seq[0]?.n ?? 0, now),
        route.direction,
        body.toInstitutionId,
        body.toDepartmentId ?? null,
        now,
        decisionDueAt(row.priority, now),
      ],
    );
    // The images go with the patient to the new target (the redirecting side loses both).
    await db.query('SELECT redirect_shares($1, $2)', [row.id, newId]);
    await recordChange(db, crypto, actor, {
      referralId: newId,
      action: 'submit',
      fromStatus: null,
      toStatus: 'submitted',
      version: 1,
      fromInstitutionId: row.from_institution_id,
      toInstitutionId: body.toInstitutionId,
      details: { redirectedFrom: row.id, note: body.note },
    });
    return {
      set: { ...decision(actor, now), redirected_to_id: newId },
      details: {
        toInstitutionId: body.toInstitutionId,
        toDepartmentId: body.toDepartmentId ?? null,
        note: body.note,
        newReferralId: newId,
      },
    };
  },
  async schedule({ db, row, body, now }) {
    let slot: { slot_id: string | null; appointment_at: Date; appointment_location: string };
    await releaseSlot(db, row.slot_id);
    if ('slotId' in body) {
      // The receiving side may use any of its department's slots (an inpatient referral is
      // often seen in clinic first); the department must still match.
      const b = await bookSlot(db, body.slotId, row.to_institution_id, row.to_department_id, null);
      slot = { slot_id: b.slotId, appointment_at: b.startsAt, appointment_location: b.location };
    } else {
      const at = new Date(body.appointmentAt);
      if (at.getTime() <= now.getTime())
        throw Invalid('appointment_in_past', 'the appointment must be in the future');
      slot = { slot_id: null, appointment_at: at, appointment_location: body.location };
    }
    return {
      set: { ...slot, check_in_code: row.check_in_code ?? newCheckInCode() },
      details: {
        slotId: slot.slot_id,
        appointmentAt: slot.appointment_at.toISOString(),
        location: slot.appointment_location,
        rescheduled: row.status === 'scheduled',
      },
    };
  },
  'check-in': ({ now }) => ({ set: { checked_in_at: now }, details: {} }),
  'no-show': ({ body }) => ({ set: {}, details: body.note ? { note: body.note } : {} }),
  complete: ({ body, now }) => ({
    set: { feedback: body.feedback, completed_at: now },
    details: { feedback: body.feedback },
  }),
  async cancel({ db, row, body }) {
    if (row.status === 'scheduled') await releaseSlot(db, row.slot_id);
    return { set: { cancel_reason: body.reason }, details: { reason: body.reason } };
  },
};

export interface ActionOptions {
  /** Extra event details from the caller (e.g. check-in through the slip's code). */
  details?: Record<string, unknown>;
}

export async function performAction<A extends ReferralAction>(
  db: Db,
  crypto: DataCrypto,
  actor: Actor,
  referralId: string,
  action: A,
  body: ActionBodies[A],
  options: ActionOptions = {},
): Promise<ReferralDetail> {
  const row = await lockForAction(db, referralId, SIGNED_ACTIONS.has(action));
  if (!row) throw NotFound('referral');
  const state = stateOf(row);
  const verdict = judge(state, actor, action);
  const { target, effects, now } = await refuseOrRunEffects(
    { verdict, action, noun: 'referral', allowedActions: allowedActions(state, actor) },
    { db, crypto, actor, row, body },
    EFFECTS[action] as (i: Input<A>) => Effects | Promise<Effects>,
  );
  const to = effects.to ?? target;
  const change = {
    referralId: row.id,
    action,
    fromStatus: row.status,
    toStatus: to,
    version: row.version + 1,
    fromInstitutionId: row.from_institution_id,
    toInstitutionId: row.to_institution_id,
    details: { ...effects.details, ...options.details },
  };
  const written = await recordChange(db, crypto, actor, change, {
    write: transitionSql('referrals', row.id, to, now, effects.set),
    signingKey: row.signing_key,
  });
  // The response from what was read and written: no action changes the patient, the
  // institutions or the departments whose names the locked read carried.
  const { events, actor_name: name, actor_institution_name: institutionName } = row;
  // Closing a referral can end the caller's sight of the patient (migration 015): then the row
  // is read again as the caller, as the policies now see it.
  const updated: ReferralRow = OPEN_STATUSES.includes(to)
    ? { ...row, ...(written.row as Partial<ReferralRow>) }
    : ((await loadReferralRow(db, row.id)) ?? { ...row, ...(written.row as Partial<ReferralRow>) });
  return detailOf(actor, updated, [
    ...events,
    eventOf(written.event, change, actor, { name, institutionName }),
  ]);
}

/** The receiving site checks a patient in from the code on the slip (typed or scanned). */
export async function checkInByCode(
  db: Db,
  crypto: DataCrypto,
  actor: Actor,
  code: string,
): Promise<ReferralDetail> {
  const { rows } = await db.query<{ id: string; version: number }>(
    'SELECT id, version FROM referrals WHERE check_in_code = $1 AND to_institution_id = $2',
    [code, actor.institutionId],
  );
  const found = rows[0];
  if (!found) throw NotFound('check-in code');
  return performAction(
    db,
    crypto,
    actor,
    found.id,
    'check-in',
    { version: found.version },
    { details: { via: 'code' } },
  );
}
