// Recording needs every participant's consent first (recorded per person, with the time), and
// only one recording runs at a time. The media server records; these functions keep the record.
import type { RecordingStatus } from '@tiered-care/common';
import { Conflict, Invalid, NotFound, type Actor, type Db } from '@tiered-care/platform';
import { assertParticipant, auditConsultation, notifyParticipants } from './access';
import { notOpen } from './lifecycle';

export interface RecordingRow {
  id: string;
  consultationId: string;
  status: RecordingStatus;
  startedAt: Date;
  endedAt: Date | null;
  filePath: string | null;
  durationSeconds: number | null;
  createdBy: string;
}

export interface RecordingResult {
  status: Exclude<RecordingStatus, 'recording'>;
  filePath?: string | null;
  durationSeconds?: number | null;
}

const COLUMNS = `id, consultation_id AS "consultationId", status, started_at AS "startedAt",
  ended_at AS "endedAt", file_path AS "filePath", duration_seconds AS "durationSeconds",
  created_by AS "createdBy"`;

/** Gives (true) or withdraws (false) the caller's own consent; returns when it was given. */
export async function setRecordingConsent(
  db: Db,
  actor: Actor,
  consultationId: string,
  consent: boolean,
): Promise<{ userId: string; recordingConsentAt: Date | null }> {
  const me = await assertParticipant(db, actor, consultationId);
  const { rows } = await db.query<{ recordingConsentAt: Date | null }>(
    `UPDATE consultation_participants
     SET recording_consent_at = CASE WHEN $3 THEN coalesce(recording_consent_at, now()) END
     WHERE consultation_id = $1 AND user_id = $2 RETURNING recording_consent_at AS "recordingConsentAt"`,
    [consultationId, actor.userId, consent],
  );
  await auditConsultation(db, actor, consent ? 'recording_consent' : 'recording_consent_withdrawn', me);
  return { userId: actor.userId, recordingConsentAt: rows[0]?.recordingConsentAt ?? null };
}

/**
 * True when every participant has consented. A consultation the caller can't see has no
 * visible participants and answers false, never a vacuous true.
 */
export async function allConsented(db: Db, consultationId: string): Promise<boolean> {
  const { rows } = await db.query<{ ok: boolean }>(
    `SELECT count(*) > 0 AND count(*) FILTER (WHERE recording_consent_at IS NULL) = 0 AS ok
     FROM consultation_participants WHERE consultation_id = $1`,
    [consultationId],
  );
  return rows[0]?.ok ?? false;
}

/** The process that records: it holds the recording under a lease it renews (migration 018). */
export interface RecordingOwner {
  id: string;
  leaseSeconds: number;
}

export async function startRecording(
  db: Db,
  actor: Actor,
  consultationId: string,
  owner?: RecordingOwner,
): Promise<RecordingRow> {
  // The lock orders this against a concurrent consent withdrawal or end.
  const me = await assertParticipant(db, actor, consultationId, { lock: true });
  if (me.status !== 'scheduled' && me.status !== 'live') throw notOpen(me.status);
  if (!(await allConsented(db, consultationId))) {
    throw Conflict('consent_missing', 'every participant must consent before recording starts');
  }
  try {
    const { rows } = await db.query<RecordingRow>(
      `INSERT INTO recordings (consultation_id, created_by, owner, lease_until)
       VALUES ($1, $2, $3, now() + make_interval(secs => $4)) RETURNING ${COLUMNS}`,
      [consultationId, actor.userId, owner?.id ?? null, owner?.leaseSeconds ?? 0],
    );
    const recording = rows[0] as RecordingRow;
    await auditConsultation(db, actor, 'recording_start', me, { recordingId: recording.id });
    return recording;
  } catch (err) {
    if ((err as { code?: string }).code === '23505') {
      throw Conflict('already_recording', 'this consultation is already being recorded');
    }
    throw err;
  }
}

const NEXT: Record<RecordingStatus, readonly RecordingStatus[]> = {
  recording: ['processing', 'ready', 'failed'],
  processing: ['ready', 'failed'],
  ready: [],
  failed: [],
};

/**
 * Stops a recording (→ processing while the media server post-processes) or records the
 * outcome (ready with its file, or failed). Any participant's session may report it.
 */
export async function finishRecording(
  db: Db,
  actor: Actor,
  recordingId: string,
  result: RecordingResult,
): Promise<RecordingRow> {
  if (result.status === 'ready' && !result.filePath) {
    throw Invalid('file_required', 'a ready recording needs its file path');
  }
  const d = result.durationSeconds;
  if (d !== undefined && d !== null && !(Number.isInteger(d) && d >= 0)) {
    throw Invalid('invalid_duration', 'the duration is a whole number of seconds');
  }
  const { rows: found } = await db.query<RecordingRow>(
    `SELECT ${COLUMNS} FROM recordings WHERE id = $1 FOR UPDATE`,
    [recordingId],
  );
  const current = found[0];
  if (!current) throw NotFound('recording');
  const me = await assertParticipant(db, actor, current.consultationId);
  if (!NEXT[current.status].includes(result.status)) {
    throw Conflict('invalid_transition', `a ${current.status} recording can't become ${result.status}`);
  }
  const { rows } = await db.query<RecordingRow>(
    `UPDATE recordings SET status = $2, ended_at = coalesce(ended_at, now()),
       file_path = coalesce($3, file_path), duration_seconds = coalesce($4, duration_seconds)
     WHERE id = $1 RETURNING ${COLUMNS}`,
    [recordingId, result.status, result.filePath ?? null, d ?? null],
  );
  await auditConsultation(db, actor, `recording_${result.status}`, me, { recordingId });
  await notifyParticipants(db, actor, current.consultationId, `recording_${result.status}`, me.status);
  return rows[0] as RecordingRow;
}
