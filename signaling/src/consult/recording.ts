// Recording one consultation: the host asks, every participant is prompted and consents (stored
// with the time), and only when all have does Janus start recording. A withdrawn consent stops a
// running recording. On stop, janus-pp-rec (and ffmpeg, when present) turn the .mjr files into
// playable files, one per participant, whose folder is linked to the recording row.
// The consent rules are the room's (consultRoom.ts); this holds what is recording and drives it.
import { consultations, type Actor } from '@tiered-care/referral-api';
import { postProcess } from '@tiered-care/sfu';
import { recordingFolder } from './recovery';
import type { RoomContext } from './roomContext';

export class RoomRecording {
  requested = false;
  id: string | null = null;
  /** Who started the running recording: finishing it is recorded in their name if they left. */
  private actor: Actor | null = null;

  constructor(
    private readonly ctx: RoomContext,
    private readonly consultationId: string,
  ) {}

  /** Starts recording in Janus (opening the media room first), with its row; a failure marks the row failed. */
  async begin(actor: Actor, openMediaRoom: () => Promise<unknown>): Promise<void> {
    const { ctx, consultationId } = this;
    const media = ctx.media;
    if (!media) return;
    const owner = ctx.recovery && { id: ctx.recovery.owner, leaseSeconds: ctx.recovery.leaseSeconds };
    const row = await ctx.as(actor, (db) => consultations.startRecording(db, actor, consultationId, owner));
    try {
      await openMediaRoom();
      await media.rooms.startRecording(
        consultationId,
        recordingFolder(media.recordingsDir, consultationId, row.id).mjr,
      );
    } catch (error) {
      await ctx.as(actor, (db) => consultations.finishRecording(db, actor, row.id, { status: 'failed' }));
      throw error;
    }
    this.id = row.id;
    this.actor = actor;
    this.requested = false;
  }

  /**
   * Stops Janus recording now and post-processes in the background: the row goes to 'processing'
   * at once and to 'ready' (or 'failed') when the files are written, which notifies participants.
   * `reload` re-reads the consultation (stopping cleared everyone's consent) before that starts.
   */
  async stop(reload: (actor: Actor) => Promise<void>, by?: Actor): Promise<string | null> {
    const { ctx, consultationId } = this;
    const media = ctx.media;
    const recordingId = this.id;
    const actor = by ?? this.actor;
    if (!media || !recordingId || !actor) return null;
    this.id = null;
    this.actor = null;
    const mjr = await media.rooms.stopRecording(consultationId).catch((error: unknown) => {
      ctx.log.error({ err: error }, 'stopping the Janus recording failed');
      return [];
    });
    const finish = (result: consultations.RecordingResult) =>
      ctx.as(actor, (db) => consultations.finishRecording(db, actor, recordingId, result));
    await finish({ status: 'processing' });
    // Stopping cleared everyone's consent (each recording asks again): show it in the room.
    await reload(actor).catch((error: unknown) => {
      ctx.log.warn({ err: error }, 'reloading the consultation after the recording failed');
    });
    const outDir = recordingFolder(media.recordingsDir, consultationId, recordingId).files;
    const processing = postProcess(mjr, outDir)
      .then((results) => {
        if (results.length === 0) return finish({ status: 'failed' });
        const seconds = Math.round(Math.max(...results.map((r) => r.durationSeconds)));
        return finish({ status: 'ready', filePath: outDir, durationSeconds: seconds });
      })
      .catch(async (error: unknown) => {
        ctx.log.error({ err: error, recordingId }, 'post-processing the recording failed');
        await finish({ status: 'failed' }).catch(() => undefined);
      })
      .finally(() => ctx.processing.delete(processing));
    ctx.processing.add(processing);
    return recordingId;
  }
}
