// What every consult room of this process shares: socket.io, the domain services, the media
// backend (when there is one), recording recovery, the post-processing shutdown waits for, and the
// checked way out to browsers.
import { withActor, type Actor, type TokenSubject } from '@tiered-care/platform';
import { consultations, type Services } from '@tiered-care/referral-api';
import type { IceServer, RoomManager } from '@tiered-care/sfu';
import type { Logger } from 'pino';
import type { Server, Socket } from 'socket.io';
import type { Outbound } from '../outbound';
import type { RecordingRecovery } from './recovery';

/** The media side, when this server has one (tests of chat and viewing run without Janus). */
export interface MediaBackend {
  rooms: RoomManager;
  iceServers: (userId: string) => IceServer[];
  /** Where recordings are written: `<dir>/<consultationId>/<recordingId>/`. */
  recordingsDir: string;
}

type Db = Parameters<Parameters<typeof withActor>[2]>[0];

export function actorOf(socket: Socket): Actor {
  const subject = (socket.data as { actor: TokenSubject }).actor;
  return {
    ...subject,
    ip: socket.handshake.address || null,
    userAgent: socket.handshake.headers['user-agent']?.slice(0, 300) ?? null,
  };
}

export class RoomContext {
  /** Post-processing under way, which shutdown waits for (bounded). */
  readonly processing = new Set<Promise<unknown>>();

  constructor(
    readonly io: Server,
    readonly services: Services,
    readonly log: Logger,
    readonly media: MediaBackend | undefined,
    /** Recordings of this process and of crashed ones (only with media: nothing records without). */
    readonly recovery: RecordingRecovery | undefined,
    /** How long an empty room keeps its Janus room, so a quick rejoin doesn't rebuild it. */
    readonly idleCloseMs: number,
    /** What rooms send to browsers: typed, and checked when response checking is on. */
    readonly outbound: Outbound,
  ) {}

  /** Runs domain code as the socket's user, with the same row-level security as the HTTP API. */
  as<T>(actor: Actor, fn: (db: Db) => Promise<T>): Promise<T> {
    return withActor(this.services.pool, actor, fn);
  }

  /** The consultation as the actor sees it (a room's own reads are not audited as views). */
  consultation(actor: Actor, consultationId: string): Promise<consultations.ConsultationDetail> {
    return this.as(actor, (db) => consultations.getConsultation(db, actor, consultationId, { audit: false }));
  }
}
