// One consult room, as long as people are connected to it: entering (directly, or through the
// waiting area until the host admits; with the host away, invited people go straight in),
// leaving, replacing a user's older connection, the room's requests (chat, hands, mute marks;
// the shared viewer, recording and media each in a part of their own), ending, and the snapshot
// it pushes as `consult:state`. Rooms come from roomRegistry.ts, which makes one per consultation.
import type {
  ChatMessageEvent,
  ConsultEvent,
  ConsultEventName,
  ConsultRequest,
  RoomState,
  SharedView,
} from '@tiered-care/common';
import { consultations } from '@tiered-care/referral-api';
import type { Actor } from '@tiered-care/platform';
import type { Socket } from 'socket.io';
import type { Emitter } from '../outbound';
import { RoomError, type AckFields } from './ack';
import { newMember, Roster, socketRooms, type ConsultationDetail, type Member } from './members';
import { RoomRecording } from './recording';
import { actorOf, type RoomContext } from './roomContext';
import { RoomMedia } from './roomMedia';
import { ViewerSync } from './viewerSync';

/** The consultation as the joining user sees it, if they may enter its room now. */
export async function joinableConsultation(
  ctx: RoomContext,
  actor: Actor,
  consultationId: string,
): Promise<ConsultationDetail> {
  const detail = await ctx.consultation(actor, consultationId);
  // Staff who see a request (its two institutions) are not in the session unless invited.
  if (detail.myRole === null) throw new RoomError('not_found', 'consultation not found');
  if (detail.status === 'ended' || detail.status === 'reported') {
    throw new RoomError('consultation_ended', 'the consultation has ended');
  }
  if (detail.status !== 'scheduled' && detail.status !== 'live') {
    throw new RoomError('consultation_not_open', `the consultation is ${detail.status}, not open yet`);
  }
  return detail;
}

export class ConsultRoom {
  private readonly roster: Roster;
  private readonly media: RoomMedia;
  private readonly recording: RoomRecording;
  private readonly viewer = new ViewerSync();
  /** Timer that closes the media room after the last person left. */
  private idleTimer: NodeJS.Timeout | undefined;
  private isClosed = false;

  /**
   * Async, and called by the registry one at a time per consultation: whatever a room must
   * await before its first member (its state from a shared store once signaling scales out)
   * can never make two rooms for one consultation.
   */
  static async create(
    ctx: RoomContext,
    consultationId: string,
    detail: ConsultationDetail,
    gone: (room: ConsultRoom) => void,
  ): Promise<ConsultRoom> {
    return Promise.resolve(new ConsultRoom(ctx, consultationId, detail, gone));
  }

  private constructor(
    private readonly ctx: RoomContext,
    readonly id: string,
    detail: ConsultationDetail,
    /** The room closed (ended, or empty and idle): the registry forgets it. */
    private readonly gone: (room: ConsultRoom) => void,
  ) {
    this.roster = new Roster(detail);
    this.media = new RoomMedia(ctx, id, () => {
      if (!this.isClosed) this.broadcast();
    });
    this.recording = new RoomRecording(
      ctx,
      id,
      this.roster,
      (actor) => this.refresh(actor),
      () => this.media.open(),
    );
  }

  /** Ended or emptied: a request that still holds this room must go through the registry again. */
  get closed(): boolean {
    return this.isClosed;
  }

  async join(socket: Socket, actor: Actor, detail: ConsultationDetail) {
    const { roster } = this;
    roster.detail = detail;
    const existing = roster.members.get(actor.userId);
    if (existing?.socketId === socket.id) return this.joinReply(existing);
    if (existing) await this.replace(existing);

    const member = newMember(actor, socket.id);
    roster.members.set(actor.userId, member);
    // Only a host or co-host in the room can admit: without one, waiting would never end.
    const direct = existing?.admitted || roster.wasAdmitted(actor.userId) || !roster.admitterPresent();
    if (direct) await this.enter(member, socket);
    else await socket.join(socketRooms.waiting(this.id));
    this.broadcast();
    return this.joinReply(member);
  }

  /** The host (or a co-host while the host is away) lets a waiting participant in. */
  async admit(socket: Socket, userId: string): Promise<void> {
    const member = this.admitted(socket);
    if (!this.roster.mayAdmit(member.userId)) {
      throw new RoomError('host_only', 'only the host admits (or a co-host while the host is away)');
    }
    const waiting = this.roster.members.get(userId);
    if (!waiting || waiting.admitted) throw new RoomError('not_waiting', 'nobody by that id is waiting');
    const target = this.ctx.io.sockets.sockets.get(waiting.socketId);
    if (!target) throw new RoomError('not_waiting', 'nobody by that id is waiting');
    await target.leave(socketRooms.waiting(this.id));
    await this.enter(waiting, target);
    this.broadcast();
  }

  async leave(socket: Socket): Promise<void> {
    const member = this.roster.bySocket(socket.id);
    if (!member) return;
    await socket.leave(socketRooms.admitted(this.id));
    await socket.leave(socketRooms.waiting(this.id));
    await this.drop(member);
    await this.letWaitingIn();
    this.broadcast();
  }

  /** A socket went away: if it was this room's connection of its user, they leave. */
  async disconnected(socket: Socket): Promise<void> {
    const member = this.roster.members.get(actorOf(socket).userId);
    if (member?.socketId !== socket.id) return;
    await this.drop(member);
    await this.letWaitingIn();
    this.broadcast();
  }

  raiseHand(socket: Socket, raised: boolean): void {
    this.admitted(socket).handRaised = raised;
    this.broadcast();
  }

  setMediaState(socket: Socket, audio: boolean, video: boolean): void {
    const member = this.admitted(socket);
    member.audio = audio;
    member.video = video;
    this.broadcast();
  }

  async chat(socket: Socket, text: string): Promise<AckFields<'chat:send'>> {
    const member = this.admitted(socket);
    const message = await this.ctx.as(member.actor, (db) =>
      consultations.addChatMessage(db, member.actor, this.id, text),
    );
    const event: ChatMessageEvent = { ...message, at: message.at.toISOString() };
    this.send(this.ctx.io.to(socketRooms.admitted(this.id)), 'chat:message', event);
    return { message: event };
  }

  /** The presenter's view goes to everyone else (viewerSync.ts has the rules). */
  shareView(socket: Socket, view: SharedView | null): void {
    const member = this.admitted(socket);
    const { seq, presenterChanged } = this.viewer.share(member.userId, view);
    this.send(socket.to(socketRooms.admitted(this.id)), 'viewer:state', {
      consultationId: this.id,
      userId: member.userId,
      view,
      seq,
    });
    // Who presents travels in the snapshot.
    if (presenterChanged) this.broadcast();
  }

  takeControl(socket: Socket): void {
    this.viewer.presenterUserId = this.admitted(socket).userId;
    this.broadcast();
  }

  publish(socket: Socket, r: ConsultRequest<'media:publish'>) {
    return this.media.publish(this.admitted(socket), r);
  }

  unpublish(socket: Socket, r: ConsultRequest<'media:unpublish'>) {
    return this.media.unpublish(this.admitted(socket), r);
  }

  subscribe(socket: Socket, r: ConsultRequest<'media:subscribe'>) {
    return this.media.subscribe(this.admitted(socket), r);
  }

  answer(socket: Socket, r: ConsultRequest<'media:answer'>) {
    return this.media.answer(this.admitted(socket), r);
  }

  unsubscribe(socket: Socket, r: ConsultRequest<'media:unsubscribe'>) {
    return this.media.unsubscribe(this.admitted(socket), r);
  }

  candidate(socket: Socket, r: ConsultRequest<'media:candidate'>) {
    return this.media.candidate(this.admitted(socket), r);
  }

  stats(socket: Socket, r: ConsultRequest<'media:stats'>) {
    return this.media.stats(this.admitted(socket), socket, r);
  }

  async requestRecording(socket: Socket) {
    const reply = await this.recording.request(this.admitted(socket));
    this.broadcast();
    return reply;
  }

  async recordingConsent(socket: Socket, given: boolean): Promise<void> {
    await this.recording.consent(this.admitted(socket), given);
    this.broadcast();
  }

  async stopRecording(socket: Socket) {
    const reply = await this.recording.stopBy(this.admitted(socket));
    this.broadcast();
    return reply;
  }

  /** Shutdown: a running recording stops and is post-processed (or left to the next start). */
  async stopRecordingForShutdown(): Promise<void> {
    await this.stopRunningRecording('stopping a recording at shutdown failed');
  }

  /** Host ends the consultation for everyone (the API's end endpoint lands in ended() too). */
  async end(socket: Socket): Promise<void> {
    const member = this.admitted(socket);
    if (!this.roster.mayAdmit(member.userId)) {
      throw new RoomError(
        'host_only',
        'only the host ends the consultation (or a co-host while the host is away)',
      );
    }
    await this.ctx.as(member.actor, (db) => consultations.endConsultation(db, member.actor, this.id));
    await this.ended();
  }

  /** The consultation ended (here or through the API): close the media and empty the room. */
  async ended(): Promise<void> {
    if (this.isClosed) return;
    this.forget();
    const { roster } = this;
    roster.detail = { ...roster.detail, status: 'ended' };
    await this.stopRunningRecording('stopping the recording at the end failed');
    this.broadcast();
    for (const member of roster.members.values()) {
      const s = this.ctx.io.sockets.sockets.get(member.socketId);
      await s?.leave(socketRooms.admitted(this.id));
      await s?.leave(socketRooms.waiting(this.id));
      if (member.attendanceId !== null) await this.closeAttendance(member);
    }
    roster.members.clear();
    await this.media.close().catch((error: unknown) => {
      this.ctx.log.warn({ err: error, consultationId: this.id }, 'closing the media room failed');
    });
  }

  /**
   * After the notification connection came back: the room closes if its consultation is no
   * longer open. Read as someone in the room; a room nobody is in only waits for its idle timer,
   * and a failed read leaves the room be.
   */
  async closeIfEnded(): Promise<void> {
    const reader = [...this.roster.members.values()][0];
    if (!reader) return;
    const status = await this.ctx.consultation(reader.actor, this.id).then(
      (detail) => detail.status,
      (error: unknown) => {
        this.ctx.log.warn({ err: error, consultationId: this.id }, 'checking a room after reconnect failed');
        return null;
      },
    );
    if (status !== null && status !== 'scheduled' && status !== 'live') await this.ended();
  }

  /**
   * Participants were invited or removed, or a co-host named, through the API: reload who takes
   * part (as someone still in it) and send anyone no longer invited out of the room.
   */
  async participantsChanged(): Promise<void> {
    const reader = [...this.roster.members.values()][0];
    if (!reader) return;
    let detail: ConsultationDetail;
    try {
      detail = await this.ctx.consultation(reader.actor, this.id);
    } catch (error) {
      this.ctx.log.warn({ err: error, consultationId: this.id }, 'reloading the participants failed');
      return;
    }
    this.roster.detail = detail;
    const invited = new Set(detail.participants.map((p) => p.userId));
    for (const member of [...this.roster.members.values()]) {
      if (invited.has(member.userId)) continue;
      const socket = this.ctx.io.sockets.sockets.get(member.socketId);
      if (socket) this.send(socket, 'consult:removed', { consultationId: this.id });
      await socket?.leave(socketRooms.admitted(this.id));
      await socket?.leave(socketRooms.waiting(this.id));
      // Their attendance can no longer be closed in their name (they are no participant now).
      member.attendanceId = null;
      await this.drop(member);
    }
    await this.letWaitingIn();
    this.broadcast();
  }

  /** Janus restarted (or the room had to be made anew): every browser renegotiates. */
  renegotiate(): void {
    this.media.feeds.clear();
    for (const m of this.roster.members.values()) m.layers.forget();
    this.send(this.ctx.io.to(socketRooms.admitted(this.id)), 'media:renegotiate', {
      consultationId: this.id,
    });
    this.broadcast();
  }

  /** The room is dropped without ending (signaling shuts down; clients rejoin the next server). */
  forget(): void {
    this.isClosed = true;
    clearTimeout(this.idleTimer);
    this.media.detach();
    this.gone(this);
  }

  snapshot(forWaiting = false): RoomState {
    const { roster, recording } = this;
    return {
      consultationId: this.id,
      title: roster.detail.title,
      status: roster.detail.status,
      hostUserId: roster.hostUserId,
      participants: roster.participants(),
      // Someone still waiting sees who is there, not the media or the images.
      publishers: forWaiting ? [] : [...this.media.feeds.values()],
      mediaAvailable: this.media.available,
      recording: { active: recording.id !== null, requested: recording.requested, recordingId: recording.id },
      presenterUserId: this.viewer.presenterUserId,
      view: forWaiting ? null : this.viewer.view,
    };
  }

  private broadcast(): void {
    const { io } = this.ctx;
    this.send(io.to(socketRooms.admitted(this.id)), 'consult:state', this.snapshot());
    this.send(io.to(socketRooms.waiting(this.id)), 'consult:state', this.snapshot(true));
  }

  private send<E extends ConsultEventName>(to: Emitter, event: E, payload: ConsultEvent<E>): void {
    this.ctx.outbound.emit(to, event, payload);
  }

  /** The socket's admitted place in the room, or an error naming why not. */
  private admitted(socket: Socket): Member {
    const member = this.roster.members.get(actorOf(socket).userId);
    if (member?.socketId !== socket.id) throw new RoomError('not_joined', 'join the consultation first');
    if (!member.admitted) throw new RoomError('not_admitted', 'the host has not admitted you yet');
    return member;
  }

  /** Re-reads participants and consent after a change made through the domain. */
  private async refresh(actor: Actor): Promise<void> {
    this.roster.detail = await this.ctx.consultation(actor, this.id);
  }

  private async stopRunningRecording(failure: string): Promise<void> {
    await this.recording.stop().catch((error: unknown) => {
      this.ctx.log.error({ err: error, consultationId: this.id }, failure);
    });
  }

  private joinReply(member: Member): AckFields<'consult:join'> {
    const me = this.roster.detail.participants.find((p) => p.userId === member.userId);
    return {
      self: { userId: member.userId, admitted: member.admitted, role: me?.role ?? 'participant' },
      state: this.snapshot(!member.admitted),
      iceServers: this.ctx.media?.iceServers(member.userId) ?? [],
    };
  }

  /** The host and co-hosts left: nobody could admit the people waiting, so they come in. */
  private async letWaitingIn(): Promise<void> {
    if (this.roster.admitterPresent()) return;
    for (const member of [...this.roster.members.values()]) {
      const socket = this.ctx.io.sockets.sockets.get(member.socketId);
      if (member.admitted || !socket) continue;
      await socket.leave(socketRooms.waiting(this.id));
      await this.enter(member, socket);
    }
  }

  private async enter(member: Member, socket: Socket): Promise<void> {
    const { actor } = member;
    const row = await this.ctx.as(actor, async (db) => {
      const attendance = await consultations.recordJoin(db, actor, this.id);
      const status = await consultations.markLive(db, actor, this.id);
      return { attendance, status };
    });
    member.admitted = true;
    member.attendanceId = row.attendance.id;
    const { detail } = this.roster;
    this.roster.detail = {
      ...detail,
      status: row.status.status,
      attendance: [...detail.attendance, { ...row.attendance }],
    };
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    await socket.join(socketRooms.admitted(this.id));
  }

  /** The same user joined again (another tab, or a reconnect before the old socket timed out). */
  private async replace(old: Member): Promise<void> {
    const socket = this.ctx.io.sockets.sockets.get(old.socketId);
    if (socket) this.send(socket, 'consult:replaced', { consultationId: this.id });
    await socket?.leave(socketRooms.admitted(this.id));
    await socket?.leave(socketRooms.waiting(this.id));
    await this.drop(old);
  }

  /** Removes a member: media, hand, presenter role, attendance; empty rooms close after a while. */
  private async drop(member: Member): Promise<void> {
    const { members } = this.roster;
    if (members.get(member.userId) === member) members.delete(member.userId);
    this.viewer.left(member.userId);
    await this.media.leave(member.userId);
    if (member.attendanceId !== null) await this.closeAttendance(member);
    if (this.roster.admittedMembers().length === 0 && !this.idleTimer) {
      this.idleTimer = setTimeout(() => void this.closeIdle(), this.ctx.idleCloseMs);
      this.idleTimer.unref();
    }
  }

  private async closeAttendance(member: Member): Promise<void> {
    const { actor, attendanceId } = member;
    member.attendanceId = null;
    await this.ctx
      .as(actor, (db) => consultations.recordLeave(db, actor, this.id, attendanceId ?? undefined))
      .catch((error: unknown) => this.ctx.log.warn({ err: error }, 'recording the leave failed'));
  }

  private async closeIdle(): Promise<void> {
    if (this.isClosed || this.roster.admittedMembers().length > 0) return;
    this.idleTimer = undefined;
    // Nobody left to record: a running recording ends with the room.
    await this.stopRunningRecording('stopping the recording of an empty room failed');
    if (this.roster.members.size === 0) this.forget();
    await this.media.close().catch(() => undefined);
    this.media.feeds.clear();
  }
}
