// Recording one consultation: the host asks, every participant is prompted and consents (stored
// with the time), and only when all have does Janus start recording. A withdrawn consent stops a
// running recording. On stop, janus-pp-rec (and ffmpeg, when present) turn the .mjr files into
// playable files, one per participant, whose folder is linked to the recording row.
import { consultations } from '@tiered-care/referral-api';
import type { Actor } from '@tiered-care/platform';
import { postProcess } from '@tiered-care/sfu';
import { RoomError, type AckFields } from './ack';
import type { Member, Roster } from './members';
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
    private readonly roster: Roster,
    /** Re-reads participants and consent after a change made through the domain. */
    private readonly refresh: (actor: Actor) => Promise<void>,
    /** Opens the room's Janus room, which recording needs. */
    private readonly openMediaRoom: () => Promise<unknown>,
  ) {}

  /** The host asks to record; asking is the host's own consent, and it starts once all consented. */
  async request(member: Member): Promise<AckFields<'recording:start'>> {
    this.hostOnly(member);
    if (!this.ctx.media) throw new RoomError('media_unavailable', 'video is not available on this server');
    if (this.id) throw new RoomError('already_recording', 'the consultation is being recorded');
    await this.ctx.as(member.actor, (db) =>
      consultations.setRecordingConsent(db, member.actor, this.consultationId, true),
    );
    this.requested = true;
    await this.refresh(member.actor);
    if (this.roster.everyoneConsented()) await this.begin(member.actor);
    return { recording: this.id !== null };
  }

  /** A participant consents, or withdraws consent (which stops a running recording). */
  async consent(member: Member, given: boolean): Promise<void> {
    await this.ctx.as(member.actor, (db) =>
      consultations.setRecordingConsent(db, member.actor, this.consultationId, given),
    );
    await this.refresh(member.actor);
    if (!given) {
      this.requested = false;
      if (this.id) await this.stop(member.actor);
    } else if (this.requested && !this.id && this.roster.everyoneConsented()) {
      const host = this.roster.members.get(this.roster.hostUserId);
      await this.begin(host?.actor ?? member.actor);
    }
  }

  /** The host stops the recording. */
  async stopBy(member: Member): Promise<AckFields<'recording:stop'>> {
    this.hostOnly(member);
    this.requested = false;
    if (!this.id) throw new RoomError('not_recording', 'nothing is being recorded');
    return { recordingId: await this.stop(member.actor) };
  }

  private hostOnly(member: Member): void {
    if (member.userId !== this.roster.hostUserId)
      throw new RoomError('host_only', 'only the host starts or stops recording');
  }

  /** Starts recording in Janus (opening the media room first), with its row; a failure marks the row failed. */
  private async begin(actor: Actor): Promise<void> {
    const { ctx, consultationId } = this;
    const media = ctx.media;
    if (!media) return;
    const owner = ctx.recovery && { id: ctx.recovery.owner, leaseSeconds: ctx.recovery.leaseSeconds };
    const row = await ctx.as(actor, (db) => consultations.startRecording(db, actor, consultationId, owner));
    try {
      await this.openMediaRoom();
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
   */
  async stop(by?: Actor): Promise<string | null> {
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
    await this.refresh(actor).catch((error: unknown) => {
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
