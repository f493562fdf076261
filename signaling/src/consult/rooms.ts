// The consult rooms of this signaling server: entering (directly, or through the waiting area
// until the host admits; with the host away, invited people go straight in), leaving, replacing
// a user's older connection, ending, and broadcasting room snapshots. Media, recording and the
// shared viewer build on the sessions kept here.
import type { TokenSubject } from '@tiered-care/referral-api';
import { consultations, withActor, type Actor, type Services } from '@tiered-care/referral-api';
import type { ConsultRoom, IceServer, RoomManager } from '@tiered-care/sfu';
import type { Logger } from 'pino';
import type { Server, Socket } from 'socket.io';
import { RoomError } from './ack';
import { LayerControl } from './layers';
import { stop as stopRecording } from './recording';
import { RecordingRecovery, type RecoveryOptions } from './recovery';
import { ConsultSession, socketRooms, type Member } from './session';

/** The media side, when this server has one (tests of chat and viewing run without Janus). */
export interface MediaBackend {
  rooms: RoomManager;
  iceServers: (userId: string) => IceServer[];
  /** Where recordings are written: `<dir>/<consultationId>/<recordingId>/`. */
  recordingsDir: string;
}

export interface ConsultRoomsOptions {
  media?: MediaBackend | undefined;
  /** How long an empty room keeps its Janus room, so a quick rejoin doesn't rebuild it. */
  idleCloseMs?: number;
  recovery?: RecoveryOptions;
  /** How long shutdown waits for stopped recordings to be post-processed (then the next start does it). */
  shutdownWaitMs?: number;
}

export function actorOf(socket: Socket): Actor {
  const subject = (socket.data as { actor: TokenSubject }).actor;
  return {
    ...subject,
    ip: socket.handshake.address || null,
    userAgent: socket.handshake.headers['user-agent']?.slice(0, 300) ?? null,
  };
}

export class ConsultRooms {
  readonly sessions = new Map<string, ConsultSession>();
  private readonly watched = new WeakSet<ConsultRoom>();
  private readonly idleCloseMs: number;
  /** Recordings of this process and of crashed ones (only with media: nothing records without). */
  readonly recovery: RecordingRecovery | undefined;
  /** Post-processing under way, which shutdown waits for (bounded). */
  readonly processing = new Set<Promise<unknown>>();

  constructor(
    readonly io: Server,
    readonly services: Services,
    readonly log: Logger,
    readonly options: ConsultRoomsOptions,
  ) {
    this.idleCloseMs = options.idleCloseMs ?? 30_000;
    this.recovery =
      options.media &&
      new RecordingRecovery(services.pool, options.media.recordingsDir, log.child({ part: 'recordings' }), {
        ...options.recovery,
      });
    options.media?.rooms.on('rebuilt', ({ consultId }) => this.renegotiate(consultId));
    options.media?.rooms.on('rebuild-failed', ({ consultId }) => this.renegotiate(consultId));
  }

  get media(): MediaBackend | undefined {
    return this.options.media;
  }

  /** Runs domain code as the socket's user, with the same row-level security as the HTTP API. */
  as<T>(actor: Actor, fn: (db: Parameters<Parameters<typeof withActor>[2]>[0]) => Promise<T>): Promise<T> {
    return withActor(this.services.pool, actor, fn);
  }

  async join(socket: Socket, consultationId: string) {
    const actor = actorOf(socket);
    const detail = await this.as(actor, (db) =>
      consultations.getConsultation(db, actor, consultationId, { audit: false }),
    );
    // Staff who see a request (its two institutions) are not in the session unless invited.
    if (detail.myRole === null) throw new RoomError('not_found', 'consultation not found');
    if (detail.status === 'ended' || detail.status === 'reported') {
      throw new RoomError('consultation_ended', 'the consultation has ended');
    }
    if (detail.status !== 'scheduled' && detail.status !== 'live') {
      throw new RoomError('consultation_not_open', `the consultation is ${detail.status}, not open yet`);
    }
    const session = this.sessions.get(consultationId) ?? new ConsultSession(consultationId, detail);
    session.detail = detail;
    if (!this.sessions.has(consultationId)) this.sessions.set(consultationId, session);

    const existing = session.members.get(actor.userId);
    if (existing?.socketId === socket.id) return this.joinReply(session, existing);
    if (existing) await this.replace(session, existing);

    const member: Member = {
      userId: actor.userId,
      socketId: socket.id,
      actor,
      admitted: false,
      attendanceId: null,
      handRaised: false,
      audio: true,
      video: true,
      quality: 'unknown',
      layers: new LayerControl(),
    };
    session.members.set(actor.userId, member);
    // Only a host or co-host in the room can admit: without one, waiting would never end.
    const direct = existing?.admitted || session.wasAdmitted(actor.userId) || !session.admitterPresent();
    if (direct) await this.enter(session, member, socket);
    else await socket.join(socketRooms.waiting(consultationId));
    this.broadcast(session);
    return this.joinReply(session, member);
  }

  /** The host (or a co-host while the host is away) lets a waiting participant in. */
  async admit(socket: Socket, consultationId: string, userId: string): Promise<void> {
    const { session, member } = this.admitted(socket, consultationId);
    if (!session.mayAdmit(member.userId)) {
      throw new RoomError('host_only', 'only the host admits (or a co-host while the host is away)');
    }
    const waiting = session.members.get(userId);
    if (!waiting || waiting.admitted) throw new RoomError('not_waiting', 'nobody by that id is waiting');
    const target = this.io.sockets.sockets.get(waiting.socketId);
    if (!target) throw new RoomError('not_waiting', 'nobody by that id is waiting');
    await target.leave(socketRooms.waiting(consultationId));
    await this.enter(session, waiting, target);
    this.broadcast(session);
  }

  async leave(socket: Socket, consultationId: string): Promise<void> {
    const session = this.sessions.get(consultationId);
    const member = session && [...session.members.values()].find((m) => m.socketId === socket.id);
    if (!session || !member) return;
    await socket.leave(socketRooms.admitted(consultationId));
    await socket.leave(socketRooms.waiting(consultationId));
    await this.drop(session, member);
    await this.letWaitingIn(session);
    this.broadcast(session);
  }

  /** A socket went away: it leaves every room it was in. */
  async disconnected(socket: Socket): Promise<void> {
    for (const session of [...this.sessions.values()]) {
      const member = session.members.get(actorOf(socket).userId);
      if (member?.socketId !== socket.id) continue;
      await this.drop(session, member);
      await this.letWaitingIn(session);
      this.broadcast(session);
    }
  }

  /** The host and co-hosts left: nobody could admit the people waiting, so they come in. */
  private async letWaitingIn(session: ConsultSession): Promise<void> {
    if (session.admitterPresent()) return;
    for (const member of [...session.members.values()]) {
      const socket = this.io.sockets.sockets.get(member.socketId);
      if (member.admitted || !socket) continue;
      await socket.leave(socketRooms.waiting(session.id));
      await this.enter(session, member, socket);
    }
  }

  /** Host ends the consultation for everyone (the API's end endpoint lands in ended() too). */
  async end(socket: Socket, consultationId: string): Promise<void> {
    const { session, member } = this.admitted(socket, consultationId);
    if (!session.mayAdmit(member.userId)) {
      throw new RoomError(
        'host_only',
        'only the host ends the consultation (or a co-host while the host is away)',
      );
    }
    await this.as(member.actor, (db) => consultations.endConsultation(db, member.actor, consultationId));
    await this.ended(consultationId);
  }

  /** The consultation ended (here or through the API): close the media and empty the room. */
  async ended(consultationId: string): Promise<void> {
    const session = this.sessions.get(consultationId);
    if (!session) return;
    this.sessions.delete(consultationId);
    clearTimeout(session.idleTimer);
    session.detail = { ...session.detail, status: 'ended' };
    await stopRecording(this, session).catch((error: unknown) => {
      this.log.error({ err: error, consultationId }, 'stopping the recording at the end failed');
    });
    this.broadcast(session);
    for (const member of session.members.values()) {
      const s = this.io.sockets.sockets.get(member.socketId);
      await s?.leave(socketRooms.admitted(consultationId));
      await s?.leave(socketRooms.waiting(consultationId));
      if (member.attendanceId !== null) await this.closeAttendance(session, member);
    }
    session.members.clear();
    await this.media?.rooms.close(consultationId).catch((error: unknown) => {
      this.log.warn({ err: error, consultationId }, 'closing the media room failed');
    });
  }

  /**
   * Participants were invited or removed, or a co-host named, through the API: reload who takes
   * part (as someone still in it) and send anyone no longer invited out of the room.
   */
  async participantsChanged(consultationId: string): Promise<void> {
    const session = this.sessions.get(consultationId);
    const reader = session && [...session.members.values()][0];
    if (!session || !reader) return;
    let detail: typeof session.detail;
    try {
      detail = await this.as(reader.actor, (db) =>
        consultations.getConsultation(db, reader.actor, consultationId, { audit: false }),
      );
    } catch (error) {
      this.log.warn({ err: error, consultationId }, 'reloading the participants failed');
      return;
    }
    session.detail = detail;
    const invited = new Set(detail.participants.map((p) => p.userId));
    for (const member of [...session.members.values()]) {
      if (invited.has(member.userId)) continue;
      const socket = this.io.sockets.sockets.get(member.socketId);
      socket?.emit('consult:removed', { consultationId });
      await socket?.leave(socketRooms.admitted(consultationId));
      await socket?.leave(socketRooms.waiting(consultationId));
      // Their attendance can no longer be closed in their name (they are no participant now).
      member.attendanceId = null;
      await this.drop(session, member);
    }
    await this.letWaitingIn(session);
    this.broadcast(session);
  }

  /** The socket's admitted place in the room, or an error naming why not. */
  admitted(socket: Socket, consultationId: string): { session: ConsultSession; member: Member } {
    const session = this.sessions.get(consultationId);
    const member = session?.members.get(actorOf(socket).userId);
    if (!session || member?.socketId !== socket.id) {
      throw new RoomError('not_joined', 'join the consultation first');
    }
    if (!member.admitted) throw new RoomError('not_admitted', 'the host has not admitted you yet');
    return { session, member };
  }

  /** The consultation's Janus room (created on first use), watched for feeds coming and going. */
  async mediaRoom(session: ConsultSession): Promise<ConsultRoom> {
    const media = this.media;
    if (!media) throw new RoomError('media_unavailable', 'video is not available on this server');
    const room = await media.rooms.open(session.id);
    if (!this.watched.has(room)) {
      this.watched.add(room);
      room.on('publisher-added', (info) => {
        const current = this.sessions.get(session.id);
        if (!current) return;
        current.feeds.set(info.feedId, {
          feedId: info.feedId,
          userId: info.participantId,
          source: info.source,
        });
        this.broadcast(current);
      });
      room.on('publisher-removed', (info) => {
        const current = this.sessions.get(session.id);
        if (current?.feeds.delete(info.feedId)) this.broadcast(current);
      });
    }
    return room;
  }

  /** Re-reads participants and consent after a change made through the domain. */
  async refresh(session: ConsultSession, actor: Actor): Promise<void> {
    session.detail = await this.as(actor, (db) =>
      consultations.getConsultation(db, actor, session.id, { audit: false }),
    );
  }

  broadcast(session: ConsultSession): void {
    const media = this.media !== undefined;
    this.io.to(socketRooms.admitted(session.id)).emit('consult:state', session.snapshot(media));
    this.io.to(socketRooms.waiting(session.id)).emit('consult:state', session.snapshot(media, true));
  }

  /**
   * After the notification connection came back: a room whose consultation is no longer open
   * closes, whether its end was among the missed events or not. Read as someone in the room; a
   * room nobody is in only waits for its idle timer, and a failed read leaves the room be.
   */
  async closeEnded(): Promise<void> {
    for (const session of [...this.sessions.values()]) {
      const reader = [...session.members.values()][0];
      if (!reader) continue;
      const status = await this.as(reader.actor, (db) =>
        consultations.getConsultation(db, reader.actor, session.id, { audit: false }),
      ).then(
        (detail) => detail.status,
        (error: unknown) => {
          this.log.warn({ err: error, consultationId: session.id }, 'checking a room after reconnect failed');
          return null;
        },
      );
      if (status !== null && status !== 'scheduled' && status !== 'live') await this.ended(session.id);
    }
  }

  /**
   * Shutdown: running recordings stop in Janus and are post-processed while the process waits
   * (bounded); what isn't done by then is handed to the next start's recovery, never left
   * 'recording'.
   */
  async stopRecordings(): Promise<void> {
    for (const session of this.sessions.values()) {
      await stopRecording(this, session).catch((error: unknown) => {
        this.log.error({ err: error, consultationId: session.id }, 'stopping a recording at shutdown failed');
      });
    }
    const wait = new Promise<void>((resolve) =>
      setTimeout(resolve, this.options.shutdownWaitMs ?? 10_000).unref(),
    );
    await Promise.race([Promise.allSettled([...this.processing]), wait]);
    await this.recovery?.stop();
  }

  /** Signaling is shutting down: forget the rooms (clients rejoin the next server). */
  closeAll(): void {
    for (const session of this.sessions.values()) clearTimeout(session.idleTimer);
    this.sessions.clear();
  }

  private joinReply(session: ConsultSession, member: Member) {
    const me = session.detail.participants.find((p) => p.userId === member.userId);
    return {
      self: { userId: member.userId, admitted: member.admitted, role: me?.role ?? 'participant' },
      state: session.snapshot(this.media !== undefined, !member.admitted),
      iceServers: this.media?.iceServers(member.userId) ?? [],
    };
  }

  private async enter(session: ConsultSession, member: Member, socket: Socket): Promise<void> {
    const { actor } = member;
    const row = await this.as(actor, async (db) => {
      const attendance = await consultations.recordJoin(db, actor, session.id);
      const status = await consultations.markLive(db, actor, session.id);
      return { attendance, status };
    });
    member.admitted = true;
    member.attendanceId = row.attendance.id;
    session.detail = {
      ...session.detail,
      status: row.status.status,
      attendance: [...session.detail.attendance, { ...row.attendance }],
    };
    clearTimeout(session.idleTimer);
    session.idleTimer = undefined;
    await socket.join(socketRooms.admitted(session.id));
  }

  /** The same user joined again (another tab, or a reconnect before the old socket timed out). */
  private async replace(session: ConsultSession, old: Member): Promise<void> {
    const socket = this.io.sockets.sockets.get(old.socketId);
    socket?.emit('consult:replaced', { consultationId: session.id });
    await socket?.leave(socketRooms.admitted(session.id));
    await socket?.leave(socketRooms.waiting(session.id));
    await this.drop(session, old);
  }

  /** Removes a member: media, hand, presenter role, attendance; empty rooms close after a while. */
  private async drop(session: ConsultSession, member: Member): Promise<void> {
    if (session.members.get(member.userId) === member) session.members.delete(member.userId);
    if (session.presenterUserId === member.userId) session.presenterUserId = null;
    await this.media?.rooms
      .get(session.id)
      ?.leave(member.userId)
      .catch((error: unknown) => this.log.warn({ err: error }, 'leaving the media room failed'));
    if (member.attendanceId !== null) await this.closeAttendance(session, member);
    if (session.admittedMembers().length === 0 && !session.idleTimer) {
      session.idleTimer = setTimeout(() => void this.closeIdle(session.id), this.idleCloseMs);
      session.idleTimer.unref();
    }
  }

  private async closeAttendance(session: ConsultSession, member: Member): Promise<void> {
    const { actor, attendanceId } = member;
    member.attendanceId = null;
    await this.as(actor, (db) =>
      consultations.recordLeave(db, actor, session.id, attendanceId ?? undefined),
    ).catch((error: unknown) => this.log.warn({ err: error }, 'recording the leave failed'));
  }

  private async closeIdle(consultationId: string): Promise<void> {
    const session = this.sessions.get(consultationId);
    if (!session || session.admittedMembers().length > 0) return;
    session.idleTimer = undefined;
    // Nobody left to record: a running recording ends with the room.
    await stopRecording(this, session).catch((error: unknown) => {
      this.log.error({ err: error, consultationId }, 'stopping the recording of an empty room failed');
    });
    if (session.members.size === 0) this.sessions.delete(consultationId);
    await this.media?.rooms.close(consultationId).catch(() => undefined);
    session.feeds.clear();
  }

  /** Janus restarted (or the room had to be made anew): every browser renegotiates. */
  private renegotiate(consultationId: string): void {
    const session = this.sessions.get(consultationId);
    if (!session) return;
    session.feeds.clear();
    for (const m of session.members.values()) m.layers.forget();
    this.io.to(socketRooms.admitted(consultationId)).emit('media:renegotiate', { consultationId });
    this.broadcast(session);
  }
}
