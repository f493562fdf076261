// scheduled → live (first one in, from signaling) → ended (the host). Both lock the row so two
// concurrent calls can't both act on the old status.
import type { ConsultationStatus } from '@tiered-care/common';
import type { Actor } from '../db/context';
import type { Db } from '../db/tx';
import { Conflict, Forbidden } from '../errors';
import { assertParticipant, auditConsultation, notifyParticipants } from './access';

export interface StatusChange {
  consultationId: string;
  status: ConsultationStatus;
  startedAt: Date | null;
  endedAt: Date | null;
}

const RETURNING = `RETURNING id AS "consultationId", status, started_at AS "startedAt", ended_at AS "endedAt"`;

/** Only the host ends a consultation; attendance still open is closed by each leave. */
export async function endConsultation(db: Db, actor: Actor, consultationId: string): Promise<StatusChange> {
  const me = await assertParticipant(db, actor, consultationId, { lock: true });
  if (me.role !== 'host') throw Forbidden('host_only', 'only the host ends the consultation');
  if (me.status === 'ended') throw Conflict('already_ended', 'the consultation has already ended');
  const { rows } = await db.query<StatusChange>(
    `UPDATE consultations SET status = 'ended', ended_at = now() WHERE id = $1 ${RETURNING}`,
    [consultationId],
  );
  await auditConsultation(db, actor, 'end', me, { fromStatus: me.status });
  await notifyParticipants(db, actor, consultationId, 'ended', 'ended');
  return rows[0] as StatusChange;
}

/**
 * Called by signaling when a participant enters the room. Idempotent while live, so every
 * joiner may call it; an ended consultation can't be reopened.
 */
export async function markLive(db: Db, actor: Actor, consultationId: string): Promise<StatusChange> {
  const me = await assertParticipant(db, actor, consultationId, { lock: true });
  if (me.status === 'ended') throw Conflict('consultation_ended', 'the consultation has ended');
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
  await auditConsultation(db, actor, 'start', me);
  await notifyParticipants(db, actor, consultationId, 'live', 'live');
  return rows[0] as StatusChange;
}
