// scheduled → live (first one in, from signaling) → ended (the host, or a co-host when the host
// is away). Both lock the row so two concurrent calls can't both act on the old status.
import type { ConsultationStatus } from '@tiered-care/common';
import { Conflict, Forbidden, type Actor, type Db } from '@tiered-care/platform';
import { assertParticipant } from './access';
import { recordConsultationChange } from './events';

export interface StatusChange {
  consultationId: string;
  status: ConsultationStatus;
  startedAt: Date | null;
  endedAt: Date | null;
}

const RETURNING = `RETURNING id AS "consultationId", status, started_at AS "startedAt", ended_at AS "endedAt"`;

/**
 * The host or a co-host ends a consultation (a co-host stands in when the host is away;
 * signaling enforces that in the room); attendance still open is closed by each leave.
 */
export async function endConsultation(db: Db, actor: Actor, consultationId: string): Promise<StatusChange> {
  const me = await assertParticipant(db, actor, consultationId, { lock: true });
  if (me.role !== 'host' && me.role !== 'cohost') {
    throw Forbidden('host_only', 'only the host or a co-host ends the consultation');
  }
  if (me.status === 'ended' || me.status === 'reported') {
    throw Conflict('already_ended', 'the consultation has already ended');
  }
  if (me.status !== 'scheduled' && me.status !== 'live') {
    throw Conflict('invalid_transition', `cannot end a consultation that is ${me.status}`);
  }
  const { rows } = await db.query<StatusChange>(
    `UPDATE consultations SET status = 'ended', ended_at = now(), version = version + 1, updated_at = now()
     WHERE id = $1 ${RETURNING}`,
    [consultationId],
  );
  await recordConsultationChange(db, null, actor, {
    ...me,
    action: 'end',
    fromStatus: me.status,
    toStatus: 'ended',
    details: {},
  });
  return rows[0] as StatusChange;
}

/**
 * Called by signaling when a participant enters the room. Idempotent while live, so every
 * joiner may call it; an ended consultation can't be reopened.
 */
export async function markLive(db: Db, actor: Actor, consultationId: string): Promise<StatusChange> {
  const me = await assertParticipant(db, actor, consultationId, { lock: true });
  if (me.status !== 'scheduled' && me.status !== 'live') throw notOpen(me.status);
  if (me.status === 'live') {
    const { rows } = await db.query<StatusChange>(
      `SELECT id AS "consultationId", status, started_at AS "startedAt", ended_at AS "endedAt"
       FROM consultations WHERE id = $1`,
      [consultationId],
    );
    return rows[0] as StatusChange;
  }
  const { rows } = await db.query<StatusChange>(
    `UPDATE consultations SET status = 'live', started_at = now() WHERE id = $1 ${RETURNING}`,
    [consultationId],
  );
  await recordConsultationChange(db, null, actor, {
    ...me,
    action: 'start',
    fromStatus: 'scheduled',
    toStatus: 'live',
    details: {},
  });
  return rows[0] as StatusChange;
}

/** The room is open only while scheduled or live: before acceptance there is no host or time. */
export function notOpen(status: ConsultationStatus) {
  return status === 'ended' || status === 'reported'
    ? Conflict('consultation_ended', 'the consultation has ended')
    : Conflict('consultation_not_open', `the consultation is ${status}, not open for the session`);
}
