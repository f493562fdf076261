// The consult rooms of this signaling server: one per consultation, created one at a time (two
// people arriving together share one creation instead of making two rooms), found by the
// handlers, and closed when the consultation ends, when the room stays empty, or at shutdown.
import { createOnce } from '@tiered-care/common/createOnce';
import type { Services } from '@tiered-care/referral-api';
import type { Logger } from 'pino';
import type { Server, Socket } from 'socket.io';
import { Outbound } from '../outbound';
import { RoomError } from './ack';
import { ConsultRoom, joinableConsultation } from './consultRoom';
import type { ConsultationDetail } from './members';
import { RecordingRecovery, type RecoveryOptions } from './recovery';
import { actorOf, RoomContext, type MediaBackend } from './roomContext';

export interface RoomRegistryOptions {
  media?: MediaBackend | undefined;
  /** How long an empty room keeps its Janus room, so a quick rejoin doesn't rebuild it. */
  idleCloseMs?: number;
  recovery?: RecoveryOptions;
  /** How long shutdown waits for stopped recordings to be post-processed (then the next start does it). */
  shutdownWaitMs?: number;
  /** What rooms send to browsers; without it, sent unchecked. */
  outbound?: Outbound;
}

export class RoomRegistry {
  private readonly rooms = new Map<string, ConsultRoom>();
  private readonly creating = new Map<string, Promise<ConsultRoom>>();
  private readonly ctx: RoomContext;

  constructor(
    io: Server,
    services: Services,
    readonly log: Logger,
    private readonly options: RoomRegistryOptions,
  ) {
    const { media } = options;
    const recovery =
      media &&
      new RecordingRecovery(services.pool, media.recordingsDir, log.child({ part: 'recordings' }), {
        ...options.recovery,
      });
    this.ctx = new RoomContext(
      io,
      services,
      log,
      media,
      recovery,
      options.idleCloseMs ?? 30_000,
      options.outbound ?? new Outbound(false, log),
    );
    media?.rooms.on('rebuilt', ({ consultId }) => this.rooms.get(consultId)?.renegotiate());
    media?.rooms.on('rebuild-failed', ({ consultId }) => this.rooms.get(consultId)?.renegotiate());
  }

  /** Acknowledgements and events on their way to browsers (checked when response checking is on). */
  get outbound(): Outbound {
    return this.ctx.outbound;
  }

  /** Recordings of this process and of crashed ones (only with media: nothing records without). */
  get recovery(): RecordingRecovery | undefined {
    return this.ctx.recovery;
  }

  has(consultationId: string): boolean {
    return this.rooms.has(consultationId);
  }

  /** The room of a consultation the socket must have joined. */
  joined(consultationId: string): ConsultRoom {
    const room = this.rooms.get(consultationId);
    if (!room) throw new RoomError('not_joined', 'join the consultation first');
    return room;
  }

  /** Enters the consultation's room (made on first use), as the socket's user sees it. */
  async join(socket: Socket, consultationId: string) {
    const actor = actorOf(socket);
    const detail = await joinableConsultation(this.ctx, actor, consultationId);
    for (;;) {
      const room = this.rooms.get(consultationId) ?? (await this.create(consultationId, detail));
      // Ended or emptied while this join waited for its creation: a fresh room takes over.
      if (!room.closed) return room.join(socket, actor, detail);
    }
  }

  async leave(socket: Socket, consultationId: string): Promise<void> {
    await this.rooms.get(consultationId)?.leave(socket);
  }

  /** A socket went away: it leaves every room it was in. */
  async disconnected(socket: Socket): Promise<void> {
    for (const room of [...this.rooms.values()]) await room.disconnected(socket);
  }

  /** The consultation ended through the API (or was found ended): its room closes. */
  async ended(consultationId: string): Promise<void> {
    await this.rooms.get(consultationId)?.ended();
  }

  async participantsChanged(consultationId: string): Promise<void> {
    await this.rooms.get(consultationId)?.participantsChanged();
  }

  /**
   * After the notification connection came back: a room whose consultation is no longer open
   * closes, whether its end was among the missed events or not.
   */
  async closeEnded(): Promise<void> {
    for (const room of [...this.rooms.values()]) await room.closeIfEnded();
  }

  /**
   * Shutdown: running recordings stop in Janus and are post-processed while the process waits
   * (bounded); what isn't done by then is handed to the next start's recovery, never left
   * 'recording'.
   */
  async stopRecordings(): Promise<void> {
    for (const room of this.rooms.values()) await room.stopRecordingForShutdown();
    const wait = new Promise<void>((resolve) =>
      setTimeout(resolve, this.options.shutdownWaitMs ?? 10_000).unref(),
    );
    await Promise.race([Promise.allSettled([...this.ctx.processing]), wait]);
    await this.ctx.recovery?.stop();
  }

  /** Signaling is shutting down: forget the rooms (clients rejoin the next server). */
  closeAll(): void {
    for (const room of [...this.rooms.values()]) room.forget();
    this.rooms.clear();
  }

  private create(consultationId: string, detail: ConsultationDetail): Promise<ConsultRoom> {
    return createOnce(this.creating, this.rooms, consultationId, () =>
      ConsultRoom.create(this.ctx, consultationId, detail, (room) => {
        if (this.rooms.get(room.id) === room) this.rooms.delete(room.id);
      }),
    );
  }
}
