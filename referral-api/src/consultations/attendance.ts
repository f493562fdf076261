// Who was in the room when: one row per join, closed on leave. Several rows may be open for
// one user at once (two devices); each socket closes its own.
import type { Actor, Db } from '@tiered-care/platform';
import { assertParticipant } from './access';
import { notOpen } from './lifecycle';

export interface AttendanceRow {
  id: number;
  consultationId: string;
  userId: string;
  joinedAt: Date;
  leftAt: Date | null;
}

const COLUMNS = `id, consultation_id AS "consultationId", user_id AS "userId", joined_at AS "joinedAt",
  left_at AS "leftAt"`;

export async function recordJoin(db: Db, actor: Actor, consultationId: string): Promise<AttendanceRow> {
  const me = await assertParticipant(db, actor, consultationId);
  if (me.status !== 'scheduled' && me.status !== 'live') throw notOpen(me.status);
  const { rows } = await db.query<AttendanceRow>(
    `INSERT INTO consultation_attendance (consultation_id, user_id) VALUES ($1, $2) RETURNING ${COLUMNS}`,
    [consultationId, actor.userId],
  );
  return rows[0] as AttendanceRow;
}

/**
 * Closes the given join (the one this socket made) or, without an id, every open join of the
 * caller in this consultation (e.g. after a crash). Returns the rows it closed; leaving twice
 * closes nothing the second time rather than failing.
 */
export async function recordLeave(
  db: Db,
  actor: Actor,
  consultationId: string,
  attendanceId?: number,
): Promise<AttendanceRow[]> {
  await assertParticipant(db, actor, consultationId);
  const { rows } = await db.query<AttendanceRow>(
    `UPDATE consultation_attendance SET left_at = greatest(now(), joined_at)
     WHERE consultation_id = $1 AND user_id = $2 AND left_at IS NULL AND ($3::bigint IS NULL OR id = $3)
     RETURNING ${COLUMNS}`,
    [consultationId, actor.userId, attendanceId ?? null],
  );
  return rows;
}
