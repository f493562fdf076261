// The recvonly side of a media session: one subscription per remote feed, following the room's
// publisher list; a refused subscription is retried a few times, then forgotten until the next
// snapshot still lists the feed.
import type { MediaSource, RoomPublisher } from '@tiered-care/common';
import type { MediaContext } from './mediaContext';
import { SUBSCRIBE_ATTEMPTS, SUBSCRIBE_RETRY_MS } from './mediaConfig';
import { Peer } from './peer';
import { isFailure, type ReplyError } from './roomSocket';
import type { Reading } from './stats';
import { diffFeeds, isRetryableSubscribeError } from './subscriptions';

export type PeerState = RTCPeerConnectionState;

export interface RemoteFeed {
  feedId: string;
  userId: string;
  source: MediaSource;
  /** Null until the first track arrives (and again while the feed is being subscribed anew). */
  stream: MediaStream | null;
  state: PeerState;
}

export interface Subscription {
  pub: RoomPublisher;
  peer: Peer | null;
  stream: MediaStream | null;
  state: PeerState;
  attempts: number;
  retry: ReturnType<typeof setTimeout> | null;
  /** Last stats reading of this subscription's connection, for the deltas and stall detection. */
  last: (Reading & { peer: Peer }) | null;
}

export class FeedSubscriptions {
  private readonly subs = new Map<string, Subscription>();

  constructor(
    private readonly ctx: MediaContext,
    private readonly selfUserId: string,
  ) {}

  /** Subscribes to new remote feeds and drops the ones gone; true when the list changed. */
  sync(publishers: readonly RoomPublisher[]): boolean {
    const diff = diffFeeds(this.subs.keys(), publishers, this.selfUserId);
    for (const feedId of diff.remove) this.drop(feedId, true);
    for (const pub of diff.add) {
      const sub: Subscription = {
        pub,
        peer: null,
        stream: null,
        state: 'new',
        attempts: 0,
        retry: null,
        last: null,
      };
      this.subs.set(pub.feedId, sub);
      this.run(sub);
    }
    return diff.add.length > 0 || diff.remove.length > 0;
  }

  all(): Subscription[] {
    return [...this.subs.values()];
  }

  remotes(): RemoteFeed[] {
    return this.all().map((s) => ({
      feedId: s.pub.feedId,
      userId: s.pub.userId,
      source: s.pub.source,
      stream: s.stream,
      state: s.state,
    }));
  }

  run(sub: Subscription): void {
    this.subscribeFeed(sub).catch((err: unknown) => this.ctx.mediaError(err));
  }

  /** Whether `peer` is still the live connection of `sub` (answers to stale requests are dropped). */
  isCurrent(sub: Subscription, peer: Peer): boolean {
    return (
      !this.ctx.isStopped() && !peer.isClosed() && sub.peer === peer && this.subs.get(sub.pub.feedId) === sub
    );
  }

  drop(feedId: string, tellServer: boolean): void {
    const sub = this.subs.get(feedId);
    if (!sub) return;
    if (sub.retry !== null) clearTimeout(sub.retry);
    sub.peer?.close();
    this.subs.delete(feedId);
    if (tellServer && !this.ctx.isStopped()) void this.ctx.send('media:unsubscribe', { feedId });
  }

  dropAll(): void {
    for (const feedId of [...this.subs.keys()]) this.drop(feedId, false);
  }

  private async subscribeFeed(sub: Subscription): Promise<void> {
    if (sub.retry !== null) clearTimeout(sub.retry);
    sub.retry = null;
    sub.peer?.close();
    const { feedId } = sub.pub;
    const peer: Peer = new Peer({ subscription: feedId }, this.ctx.iceServers(), {
      sendCandidate: this.ctx.sendCandidate,
      onBroken: () => {
        if (this.isCurrent(sub, peer)) this.run(sub);
      },
      onStateChange: (state) => {
        if (!this.isCurrent(sub, peer)) return;
        sub.state = state;
        if (state === 'connected') sub.attempts = 0;
        this.ctx.changed();
      },
    });
    sub.peer = peer;
    sub.stream = null;
    sub.state = 'new';
    sub.last = null;
    peer.pc.ontrack = (e) => {
      if (!this.isCurrent(sub, peer)) return;
      // A new stream object each time, so React sees the change and the <video> gets it whole.
      sub.stream = new MediaStream([...(sub.stream?.getTracks() ?? []), e.track]);
      this.ctx.changed();
    };
    this.ctx.changed();

    const reply = await this.ctx.send('media:subscribe', { feedId });
    if (!this.isCurrent(sub, peer)) return;
    if (isFailure(reply)) {
      this.failed(sub, reply);
      return;
    }
    await peer.pc.setRemoteDescription(reply.offer);
    await peer.pc.setLocalDescription(await peer.pc.createAnswer());
    const sdp = peer.pc.localDescription?.sdp;
    if (!this.isCurrent(sub, peer) || !sdp) return;
    const pending = this.ctx.send('media:answer', { feedId, answer: { type: 'answer', sdp } });
    peer.openTrickle();
    const answered = await pending;
    if (this.isCurrent(sub, peer) && isFailure(answered)) this.failed(sub, answered);
  }

  private failed(sub: Subscription, reply: ReplyError): void {
    const { code, message } = reply.error;
    sub.peer?.close();
    sub.peer = null;
    if (sub.attempts < SUBSCRIBE_ATTEMPTS && isRetryableSubscribeError(code)) {
      sub.attempts += 1;
      sub.retry = setTimeout(() => this.run(sub), SUBSCRIBE_RETRY_MS);
      return;
    }
    // Given up for now: forgotten, so the next snapshot that still lists the feed tries afresh.
    this.drop(sub.pub.feedId, false);
    this.ctx.changed();
    this.ctx.onNotice(code, message);
  }
}
