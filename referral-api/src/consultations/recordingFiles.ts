// The playable files of a finished recording (one per participant, from janus-pp-rec and
// ffmpeg), for the consultation's participants and an auditing institution administrator. Every
// download is audited like a read of the consultation's patient record.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { inTx, NotFound, type Actor, type Db, type HandlerContext } from '@tiered-care/platform';
import { auditConsultation } from './access';
import { loadConsultation } from './model';

export const RecordingParams = z.strictObject({ id: z.uuid(), recordingId: z.uuid() });
/** File names as the post-processor writes them; anything else (../, slashes) is not found. */
export const RecordingFileParams = RecordingParams.extend({
  name: z
    .string()
    .regex(/^[A-Za-z0-9_-]+(\.[a-z0-9]+)+$/)
    .max(200),
});

const TYPES: Record<string, string> = { webm: 'video/webm', opus: 'audio/ogg', mp4: 'video/mp4' };

export interface RecordingFile {
  name: string;
  size: number;
  contentType: string;
}

/** The participants, and for audit an administrator of a participating institution, as for the record. */
async function readyFolder(db: Db, actor: Actor, consultationId: string, recordingId: string) {
  const c = await loadConsultation(db, actor, consultationId);
  const { rows: visible } = await db.query<{ ok: boolean }>('SELECT consult_record_visible($1) AS ok', [
    consultationId,
  ]);
  if (!visible[0]?.ok) throw NotFound('consultation');
  const me = { consultationId, patientId: c.patientId, referralId: c.referralId };
  const { rows } = await db.query<{ file_path: string | null }>(
    `SELECT file_path FROM recordings WHERE id = $1 AND consultation_id = $2 AND status = 'ready'`,
    [recordingId, consultationId],
  );
  const folder = rows[0]?.file_path;
  if (!folder) throw NotFound('recording');
  return { me, folder };
}

export async function listRecordingFiles(
  db: Db,
  actor: Actor,
  consultationId: string,
  recordingId: string,
): Promise<RecordingFile[]> {
  const { folder } = await readyFolder(db, actor, consultationId, recordingId);
  const names = await readdir(folder).catch(() => [] as string[]);
  const files: RecordingFile[] = [];
  for (const name of names.sort()) {
    const contentType = TYPES[name.split('.').pop() ?? ''];
    if (!contentType) continue;
    files.push({ name, size: (await stat(join(folder, name))).size, contentType });
  }
  return files;
}

export async function sendRecordingFile(
  c: HandlerContext<unknown, unknown, z.infer<typeof RecordingFileParams>>,
): Promise<void> {
  const { id, recordingId, name } = c.params;
  const path = await inTx(c, async (db) => {
    const { me, folder } = await readyFolder(db, c.actor, id, recordingId);
    const files = await listRecordingFiles(db, c.actor, id, recordingId);
    if (!files.some((f) => f.name === name)) throw NotFound('recording file');
    await auditConsultation(db, c.actor, 'recording_download', me, { recordingId, file: name });
    return join(folder, name);
  });
  // sendFile answers Range requests, so a video element can seek without fetching everything.
  await new Promise<void>((resolve, reject) =>
    c.res.sendFile(path, { headers: { 'Cache-Control': 'no-store' } }, (err) =>
      err ? reject(err) : resolve(),
    ),
  );
}
