// One consult room's media: its Janus room (opened on first use, closed when the room empties or
// ends), the feeds flowing in it, and the SDP and ICE relayed between browsers and Janus. The
// browser never reaches Janus's API (loopback only); the room checks the caller's place first.
import type { ConsultRequest, RoomPublisher } from '@tiered-care/common';
import type { MediaRoom, PublisherInfo } from '@tiered-care/sfu';
import type { Socket } from 'socket.io';
import { RoomError, type AckFields } from './ack';
import type { Member } from './members';
import type { RoomContext } from './roomContext';

export class RoomMedia {
  /** Feeds whose media is flowing (Janus said webrtcup): only these can be subscribed to. */
  readonly feeds = new Map<string, RoomPublisher>();
  /** The Janus room this listens to, and how to stop listening. */
  private watched: { room: MediaRoom; unwatch: () => void } | null = null;

  constructor(
    private readonly ctx: RoomContext,
    private readonly consultationId: string,
    /** Feeds came or went: the room pushes a new snapshot. */
    private readonly changed: () => void,
  ) {}

  get available(): boolean {
    return this.ctx.media !== undefined;
  }

  /** The consultation's Janus room (created on first use), watched for feeds coming and going. */
  async open(): Promise<MediaRoom> {
    const media = this.ctx.media;
    if (!media) throw new RoomError('media_unavailable', 'video is not available on this server');
    const room = await media.rooms.open(this.consultationId);
    if (this.watched?.room !== room) this.watch(room);
    return room;
  }

  /** The Janus room if it is open now (nothing is created for a late candidate or leave). */
  private live(): MediaRoom | undefined {
    return this.ctx.media?.rooms.get(this.consultationId);
  }

  async publish(member: Member, r: ConsultRequest<'media:publish'>): Promise<AckFields<'media:publish'>> {
    const room = await this.open();
    const { feedId, answer } = await room.publish(member.userId, r.source, r.offer);
    return { feedId, answer: { type: 'answer' as const, sdp: answer.sdp } };
  }

  async unpublish(member: Member, r: ConsultRequest<'media:unpublish'>): Promise<void> {
    await (await this.open()).unpublish(member.userId, r.source);
  }

  async subscribe(
    member: Member,
    r: ConsultRequest<'media:subscribe'>,
  ): Promise<AckFields<'media:subscribe'>> {
    const feed = this.feeds.get(r.feedId);
    if (!feed) throw new RoomError('unknown_feed', 'that stream is not being sent');
    if (feed.userId === member.userId) throw new RoomError('own_feed', 'you see your own stream locally');
    const room = await this.open();
    member.layers.forget(r.feedId);
    const { offer } = await room.subscribe(member.userId, r.feedId);
    return { offer: { type: 'offer' as const, sdp: offer.sdp } };
  }

  async answer(member: Member, r: ConsultRequest<'media:answer'>): Promise<void> {
    await (await this.open()).startSubscription(member.userId, r.feedId, r.answer);
  }

  async unsubscribe(member: Member, r: ConsultRequest<'media:unsubscribe'>): Promise<void> {
    member.layers.forget(r.feedId);
    await this.live()?.unsubscribe(member.userId, r.feedId);
  }

  async candidate(member: Member, r: ConsultRequest<'media:candidate'>): Promise<void> {
    // Candidates of a connection that no longer exists (closed by a rebuild) are simply dropped.
    await this.live()?.trickle(member.userId, r.peer, r.candidate);
  }

  /** The receiver's statistics: switch layers where its link asks for it, update its quality mark. */
  async stats(member: Member, socket: Socket, r: ConsultRequest<'media:stats'>): Promise<void> {
    const before = member.quality;
    const changes = member.layers.report(r.feeds, r.rtt);
    const room = this.live();
    for (const change of changes) {
      try {
        await room?.applyLayer(member.userId, change.feedId, change.layer);
        this.ctx.outbound.emit(socket, 'media:layer', { consultationId: this.consultationId, ...change });
      } catch (error) {
        // The subscription went away meanwhile: forget it rather than retrying on every report.
        member.layers.forget(change.feedId);
        this.ctx.log.debug({ err: error, feedId: change.feedId }, 'layer change skipped');
      }
    }
    member.quality = member.layers.quality();
    if (member.quality !== before) this.changed();
  }

  /** A member left: their handles in Janus go (a failure is only logged). */
  async leave(userId: string): Promise<void> {
    await this.live()
      ?.leave(userId)
      .catch((error: unknown) => this.ctx.log.warn({ err: error }, 'leaving the media room failed'));
  }

  /** Destroys the Janus room; the next use opens a new one. */
  async close(): Promise<void> {
    await this.ctx.media?.rooms.close(this.consultationId);
  }

  /** This room is gone: a Janus room a successor reopens reports to the successor only. */
  detach(): void {
    this.watched?.unwatch();
    this.watched = null;
  }

  private watch(room: MediaRoom): void {
    this.watched?.unwatch();
    const added = (info: PublisherInfo) => {
      this.feeds.set(info.feedId, { feedId: info.feedId, userId: info.participantId, source: info.source });
      this.changed();
    };
    const removed = (info: PublisherInfo) => {
      if (this.feeds.delete(info.feedId)) this.changed();
    };
    room.on('publisher-added', added);
    room.on('publisher-removed', removed);
    this.watched = {
      room,
      unwatch: () => {
        room.off('publisher-added', added);
        room.off('publisher-removed', removed);
      },
    };
  }
}
