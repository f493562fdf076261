// Taking a workflow action on a consultation: lock the row, ask the state machine, check the
// version, apply the action's effects, bump the version, and write event + audit +
// notification in the caller's transaction, as referrals/actions.ts does for referrals.
import type { ConsultationAction, ConsultationActionBodies, ConsultationStatus } from '@tiered-care/common';
import {
  Conflict,
  Forbidden,
  Invalid,
  signPayload,
  type Actor,
  type DataCrypto,
  type Db,
} from '@tiered-care/platform';
import { decisionDueAt } from '../referrals/dueTime';
import { applyTransition, decision, refuseOrRunEffects, type EffectInput } from '../workflow/guard';
import { assertInvitable } from './create';
import { conclusionContent } from './conclusion';
import { recordConsultationChange } from './events';
import { loadConsultation, partyOf, stateOf, type ConsultationRow } from './model';
import { getConsultation, type ConsultationDetail } from './read';
import { allowedConsultationActions, isReceiverSide, judge } from './workflow';

/** Everyone taking part at once, host included: more than this is a lecture, not a consultation. */
export const MAX_PARTICIPANTS = 16;

interface Effects {
  /** Columns to set besides status/version/updated_at. */
  set: Record<string, unknown>;
  details: Record<string, unknown>;
  /** Runs after the row is updated (participant rows that the policies check against it). */
  after?: () => Promise<void>;
}

type Input<A extends ConsultationAction> = EffectInput<ConsultationRow, ConsultationActionBodies[A]>;

type EffectFns = { [A in ConsultationAction]: (i: Input<A>) => Effects | Promise<Effects> };

const EFFECTS: EffectFns = {
  async accept({ db, actor, row, body, now }) {
    const hostUserId = body.hostUserId ?? row.specialistUserId ?? actor.userId;
    await assertHostable(db, row, hostUserId);
    const start = new Date(body.scheduledAt);
    const end = new Date(start.getTime() + body.durationMinutes * 60_000);
    if (end.getTime() < now.getTime())
      throw Invalid('scheduled_in_past', 'the consultation would already be over');
    // Two acceptances for one host at once must not both pass the clash check.
    await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`consult-host:${hostUserId}`]);
    const clash = await db.query<{ scheduled_at: Date; duration_minutes: number }>(
      'SELECT scheduled_at, duration_minutes FROM consult_host_clash($1, $2, $3, $4)',
      [hostUserId, start, end, row.id],
    );
    const other = clash.rows[0];
    if (other) {
      throw Conflict('host_busy', 'the host already has a consultation at that time', {
        scheduledAt: other.scheduled_at,
        durationMinutes: other.duration_minutes,
      });
    }
    return {
      set: {
        host_user_id: hostUserId,
        host_institution_id: row.toInstitutionId,
        scheduled_at: start,
        duration_minutes: body.durationMinutes,
        ...decision(actor, now),
      },
      details: {
        hostUserId,
        scheduledAt: start.toISOString(),
        durationMinutes: body.durationMinutes,
        note: body.note ?? null,
      },
      after: async () => {
        const invitees = [hostUserId, row.specialistUserId].filter(
          (u, i, all): u is string => u !== null && all.indexOf(u) === i,
        );
        await db.query(
          `INSERT INTO consultation_participants (consultation_id, user_id, role)
           SELECT $1, u, CASE WHEN u = $2 THEN 'host' ELSE 'participant' END FROM unnest($3::uuid[]) AS u
           ON CONFLICT (consultation_id, user_id) DO UPDATE SET role = EXCLUDED.role`,
          [row.id, hostUserId, invitees],
        );
      },
    };
  },
  'propose-time'({ actor, row, body }) {
    const receiver = isReceiverSide(stateOf(row), partyOf(actor, row));
    const times = JSON.stringify(body.times);
    return {
      set: receiver ? { proposed_times: times } : { preferred_times: times },
      details: { times: body.times, side: receiver ? 'receiver' : 'requester', note: body.note ?? null },
    };
  },
  decline({ actor, body, now }) {
    return {
      set: { decline_reason_code: body.reasonCode, decline_note: body.note, ...decision(actor, now) },
      details: { reasonCode: body.reasonCode, note: body.note },
    };
  },
  'request-info'({ body }) {
    return { set: { info_question: body.question, info_answer: null }, details: { question: body.question } };
  },
  'provide-info'({ row, body, now }) {
    // The receiving side's clock starts again: they could not decide without the answer.
    return {
      set: {
        info_answer: body.answer,
        decision_due_at: row.priority ? decisionDueAt(row.priority, now) : null,
      },
      details: { answer: body.answer },
    };
  },
  cancel({ body }) {
    return { set: { cancel_reason: body.reason }, details: { reason: body.reason } };
  },
  async invite({ db, row, body }) {
    await assertInvitable(db, body.userIds);
    const { rows } = await db.query<{ user_id: string }>(
      'SELECT user_id FROM consultation_participants WHERE consultation_id = $1',
      [row.id],
    );
    const present = new Set(rows.map((r) => r.user_id));
    const already = body.userIds.filter((u) => present.has(u));
    if (already.length > 0) {
      throw Invalid('already_participant', 'some of them already take part', { userIds: already });
    }
    if (present.size + body.userIds.length > MAX_PARTICIPANTS) {
      throw Invalid('too_many_participants', `at most ${MAX_PARTICIPANTS} take part in one consultation`);
    }
    return {
      set: {},
      details: { userIds: body.userIds },
      after: async () => {
        await db.query(
          `INSERT INTO consultation_participants (consultation_id, user_id, role)
           SELECT $1, u, 'participant' FROM unnest($2::uuid[]) AS u`,
          [row.id, body.userIds],
        );
      },
    };
  },
  async 'remove-participant'({ db, row, body }) {
    const target = await participantRole(db, row.id, body.userId);
    if (target === 'host') throw Invalid('cannot_remove_host', 'the host cannot be removed');
    if (target === 'cohost' && row.myRole !== 'host') {
      throw Forbidden('host_only', 'only the host removes a co-host');
    }
    return {
      set: {},
      details: { userId: body.userId },
      after: async () => {
        await db.query('DELETE FROM consultation_participants WHERE consultation_id = $1 AND user_id = $2', [
          row.id,
          body.userId,
        ]);
      },
    };
  },
  async 'set-cohost'({ db, row, body }) {
    const target = await participantRole(db, row.id, body.userId);
    if (target === 'host') throw Invalid('cannot_change_host', 'the host is already the host');
    const role = body.cohost ? 'cohost' : 'participant';
    return {
      set: {},
      details: { userId: body.userId, cohost: body.cohost },
      after: async () => {
        await db.query(
          'UPDATE consultation_participants SET role = $3 WHERE consultation_id = $1 AND user_id = $2',
          [row.id, body.userId, role],
        );
      },
    };
  },
  async conclude({ db, crypto, actor, row, body, now }) {
    const { rows } = await db.query<{ key: Buffer | null }>('SELECT signing_key_of_current_user() AS key');
    const key = rows[0]?.key;
    if (!key) throw Forbidden('no_signing_key', 'you have no signing key; ask an administrator');
    const signature = signPayload(
      crypto,
      key,
      conclusionContent({
        consultationId: row.id,
        conclusion: body.conclusion,
        concludedBy: actor.userId,
        concludedAt: now,
      }),
    );
    return {
      set: {
        conclusion: JSON.stringify(body.conclusion),
        concluded_at: now,
        concluded_by: actor.userId,
        conclusion_signature: signature,
      },
      details: { referralAdvice: body.conclusion.referralAdvice ?? 'none' },
    };
  },
};

export async function performConsultationAction<A extends ConsultationAction>(
  db: Db,
  crypto: DataCrypto,
  actor: Actor,
  consultationId: string,
  action: A,
  body: ConsultationActionBodies[A],
): Promise<ConsultationDetail> {
  const row = await loadConsultation(db, actor, consultationId, { lock: true });
  const state = stateOf(row);
  const party = partyOf(actor, row);
  const verdict = judge(state, party, action);
  const { target, effects, now } = await refuseOrRunEffects(
    { verdict, action, noun: 'consultation', allowedActions: allowedConsultationActions(state, party) },
    { db, crypto, actor, row, body },
    EFFECTS[action] as (i: Input<A>) => Effects | Promise<Effects>,
  );
  const to: ConsultationStatus = target ?? row.status;
  await applyTransition(db, 'consultations', row.id, to, now, effects.set);
  await effects.after?.();
  await recordConsultationChange(db, crypto, actor, {
    consultationId: row.id,
    patientId: row.patientId,
    referralId: row.referralId,
    action,
    fromStatus: row.status,
    toStatus: to,
    details: effects.details,
  });
  return getConsultation(db, actor, row.id, { audit: false });
}

/** The host is an active clinician of the receiving institution (and department, if named). */
async function assertHostable(db: Db, row: ConsultationRow, userId: string): Promise<void> {
  const { rowCount } = await db.query(
    `SELECT 1 FROM users WHERE id = $1 AND active AND institution_id = $2
       AND roles && ARRAY['doctor','specialist']
       AND ($3::uuid IS NULL OR department_id = $3 OR id = $4)`,
    [userId, row.toInstitutionId, row.toDepartmentId, row.specialistUserId],
  );
  if (!rowCount) {
    throw Invalid('host_not_eligible', 'the host must be a clinician of the receiving department');
  }
}

async function participantRole(db: Db, consultationId: string, userId: string): Promise<string> {
  const { rows } = await db.query<{ role: string }>(
    'SELECT role FROM consultation_participants WHERE consultation_id = $1 AND user_id = $2',
    [consultationId, userId],
  );
  const role = rows[0]?.role;
  if (!role) throw Invalid('not_participant', 'that user does not take part in this consultation');
  return role;
}
