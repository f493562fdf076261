// Every peer connection of one participant in one consult room, without React: the camera and
// screen publishers (sendonly) and one recvonly subscription per remote feed. It follows the
// room's publisher list, rebuilds connections that fail, reports receive statistics every 2 s and
// hands React an immutable snapshot (useSyncExternalStore). The camera stream belongs to the
// page (it outlives a renegotiation); the screen stream belongs to this session.
import type { MediaSource, RoomPublisher } from '@tiered-care/common';
import {
  PUBLISH_ATTEMPTS,
  PUBLISH_RETRY_MS,
  STATS_INTERVAL_MS,
  SUBSCRIBE_ATTEMPTS,
  SUBSCRIBE_RETRY_MS,
  cameraEncodings,
  screenEncodings,
} from './mediaConfig';
import { Peer, type PeerRef, type WireCandidate } from './peer';
import { isFailure, type ReplyError, type RoomSend } from './roomSocket';
import { nextReading, readStats, selectedRtt, type FeedWindow, type Reading, type StatsEntry } from './stats';
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

export interface MediaSnapshot {
  remotes: RemoteFeed[];
  sharingScreen: boolean;
  /** The camera publisher's connection, null while not publishing. */
  cameraState: PeerState | null;
}

export interface MediaSessionOptions {
  send: RoomSend;
  selfUserId: string;
  iceServers: RTCIceServer[];
  /** Something went wrong that the user should know of (code as in the API's errors). */
  onNotice: (code: string, message: string) => void;
}

interface Subscription {
  pub: RoomPublisher;
  peer: Peer | null;
  stream: MediaStream | null;
  state: PeerState;
  attempts: number;
  retry: ReturnType<typeof setTimeout> | null;
  /** Last stats reading of this subscription's connection, for the deltas and stall detection. */
  last: (Reading & { peer: Peer }) | null;
}

const EMPTY: MediaSnapshot = { remotes: [], sharingScreen: false, cameraState: null };

export class MediaSession {
  private camera: MediaStream | null = null;
  private screen: MediaStream | null = null;
  private readonly pubs = new Map<MediaSource, Peer>();
  private readonly pubRetries = new Map<MediaSource, ReturnType<typeof setTimeout>>();
  private readonly subs = new Map<string, Subscription>();
  private publishers: readonly RoomPublisher[] = [];
  private iceServers: RTCIceServer[];
  private statsTimer: ReturnType<typeof setInterval> | null = null;
  private statsBusy = false;
  private started = false;
  private stopped = false;
  private readonly listeners = new Set<() => void>();
  private snap: MediaSnapshot = EMPTY;

  constructor(private readonly opts: MediaSessionOptions) {
    this.iceServers = opts.iceServers;
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): MediaSnapshot => this.snap;

  /** Publishes the camera, receives the others and starts the statistics loop. */
  start(camera: MediaStream | null): void {
    if (this.started || this.stopped) return;
    this.started = true;
    this.camera = camera;
    this.runPublish('camera');
    this.syncPublishers(this.publishers);
    this.statsTimer = setInterval(() => void this.reportStats(), STATS_INTERVAL_MS);
  }

  /** A new local camera stream (e.g. acquired after joining): publish it in place of the old. */
  setCamera(camera: MediaStream | null): void {
    if (camera === this.camera) return;
    this.camera = camera;
    if (!this.started) return;
    if (camera?.getTracks().length) {
      this.runPublish('camera');
    } else if (this.pubs.has('camera')) {
      this.closePublisher('camera');
      void this.opts.send('media:unpublish', { source: 'camera' });
    }
  }

  /** TURN credentials expire: a re-join hands out fresh ones for the next connections. */
  setIceServers(iceServers: RTCIceServer[]): void {
    this.iceServers = iceServers;
  }

  /** Follows the room snapshot: subscribe to new remote feeds, drop the ones gone. */
  syncPublishers(publishers: readonly RoomPublisher[]): void {
    this.publishers = publishers;
    if (!this.started || this.stopped) return;
    const diff = diffFeeds(this.subs.keys(), publishers, this.opts.selfUserId);
    for (const feedId of diff.remove) this.dropSubscription(feedId, true);
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
      this.runSubscribe(sub);
    }
    if (diff.add.length || diff.remove.length) this.changed();
  }

  /**
   * The media server lost our connections (it restarted, or our socket was away): drop every peer
   * connection and publish and subscribe anew, with the same local tracks.
   */
  renegotiate(): void {
    if (!this.started || this.stopped) return;
    for (const source of [...this.pubs.keys()]) this.closePublisher(source);
    for (const feedId of [...this.subs.keys()]) this.dropSubscription(feedId, false);
    this.runPublish('camera');
    if (this.screen) this.runPublish('screen');
    this.syncPublishers(this.publishers);
    this.changed();
  }

  /** Asks the user for a screen or window and publishes it as a second feed. */
  async startScreen(): Promise<void> {
    if (!this.canTakeScreen()) return;
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getDisplayMedia({
        video: { frameRate: { max: 15 } },
        audio: false,
      });
    } catch (err) {
      // Cancelling the browser's picker is a choice, not an error.
      if (err instanceof DOMException && err.name === 'NotAllowedError') return;
      this.opts.onNotice('screen_failed', err instanceof Error ? err.message : String(err));
      return;
    }
    if (!this.canTakeScreen()) {
      for (const t of stream.getTracks()) t.stop();
      return;
    }
    this.screen = stream;
    // The browser's own "stop sharing" bar ends the track without asking us.
    for (const t of stream.getVideoTracks()) t.addEventListener('ended', () => void this.stopScreen());
    this.runPublish('screen');
    this.changed();
  }

  /** Asked again after the picker closes: the session may have stopped meanwhile. */
  private canTakeScreen(): boolean {
    return this.started && !this.stopped && this.screen === null;
  }

  async stopScreen(): Promise<void> {
    const stream = this.screen;
    if (!stream) return;
    this.screen = null;
    for (const t of stream.getTracks()) t.stop();
    this.closePublisher('screen');
    this.changed();
    if (!this.stopped) await this.opts.send('media:unpublish', { source: 'screen' });
  }

  /** Closes everything this session opened. The camera tracks stay: they are the page's. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.statsTimer !== null) clearInterval(this.statsTimer);
    for (const source of [...this.pubs.keys()]) this.closePublisher(source);
    for (const feedId of [...this.subs.keys()]) this.dropSubscription(feedId, false);
    for (const t of this.screen?.getTracks() ?? []) t.stop();
    this.screen = null;
    this.changed();
    this.listeners.clear();
  }

  // --- publishing -------------------------------------------------------------------------

  private runPublish(source: MediaSource, attempt = 1): void {
    this.publish(source, attempt).catch((err: unknown) => this.mediaError(err));
  }

  private async publish(source: MediaSource, attempt: number): Promise<void> {
    this.closePublisher(source);
    const stream = source === 'camera' ? this.camera : this.screen;
    if (this.stopped || !stream || stream.getTracks().length === 0) return;
    const peer: Peer = new Peer({ publisher: source }, this.iceServers, {
      sendCandidate: this.sendCandidate,
      onBroken: () => {
        if (this.pubs.get(source) === peer) this.runPublish(source);
      },
      onStateChange: () => this.changed(),
    });
    this.pubs.set(source, peer);
    for (const track of stream.getTracks()) {
      const video = track.kind === 'video';
      // 'motion' lets a congested camera drop resolution before frame rate; a screen keeps its text sharp.
      if (video) track.contentHint = source === 'camera' ? 'motion' : 'detail';
      peer.pc.addTransceiver(track, {
        direction: 'sendonly',
        streams: [stream],
        ...(video ? { sendEncodings: source === 'camera' ? cameraEncodings() : screenEncodings() } : {}),
      });
    }
    await peer.pc.setLocalDescription(await peer.pc.createOffer());
    const sdp = peer.pc.localDescription?.sdp;
    if (peer.isClosed() || !sdp) return;
    const pending = this.opts.send('media:publish', { source, offer: { type: 'offer', sdp } });
    peer.openTrickle();
    const reply = await pending;
    if (peer.isClosed()) return;
    if (isFailure(reply)) {
      this.closePublisher(source);
      this.changed();
      if (attempt < PUBLISH_ATTEMPTS && reply.error.code !== 'invalid_request') {
        this.pubRetries.set(
          source,
          setTimeout(() => this.runPublish(source, attempt + 1), PUBLISH_RETRY_MS * attempt),
        );
      } else {
        this.opts.onNotice(reply.error.code, reply.error.message);
      }
      return;
    }
    await peer.pc.setRemoteDescription(reply.answer);
  }

  private closePublisher(source: MediaSource): void {
    const retry = this.pubRetries.get(source);
    if (retry !== undefined) clearTimeout(retry);
    this.pubRetries.delete(source);
    this.pubs.get(source)?.close();
    this.pubs.delete(source);
  }

  // --- subscribing ------------------------------------------------------------------------

  private runSubscribe(sub: Subscription): void {
    this.subscribeFeed(sub).catch((err: unknown) => this.mediaError(err));
  }

  /** Whether `peer` is still the live connection of `sub` (answers to stale requests are dropped). */
  private isCurrent(sub: Subscription, peer: Peer): boolean {
    return !this.stopped && !peer.isClosed() && sub.peer === peer && this.subs.get(sub.pub.feedId) === sub;
  }

  private async subscribeFeed(sub: Subscription): Promise<void> {
    if (sub.retry !== null) clearTimeout(sub.retry);
    sub.retry = null;
    sub.peer?.close();
    const { feedId } = sub.pub;
    const peer: Peer = new Peer({ subscription: feedId }, this.iceServers, {
      sendCandidate: this.sendCandidate,
      onBroken: () => {
        if (this.isCurrent(sub, peer)) this.runSubscribe(sub);
      },
      onStateChange: (state) => {
        if (!this.isCurrent(sub, peer)) return;
        sub.state = state;
        if (state === 'connected') sub.attempts = 0;
        this.changed();
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
      this.changed();
    };
    this.changed();

    const reply = await this.opts.send('media:subscribe', { feedId });
    if (!this.isCurrent(sub, peer)) return;
    if (isFailure(reply)) {
      this.subscribeFailed(sub, reply);
      return;
    }
    await peer.pc.setRemoteDescription(reply.offer);
    await peer.pc.setLocalDescription(await peer.pc.createAnswer());
    const sdp = peer.pc.localDescription?.sdp;
    if (!this.isCurrent(sub, peer) || !sdp) return;
    const pending = this.opts.send('media:answer', { feedId, answer: { type: 'answer', sdp } });
    peer.openTrickle();
    const answered = await pending;
    if (this.isCurrent(sub, peer) && isFailure(answered)) this.subscribeFailed(sub, answered);
  }

  private subscribeFailed(sub: Subscription, reply: ReplyError): void {
    const { code, message } = reply.error;
    sub.peer?.close();
    sub.peer = null;
    if (sub.attempts < SUBSCRIBE_ATTEMPTS && isRetryableSubscribeError(code)) {
      sub.attempts += 1;
      sub.retry = setTimeout(() => this.runSubscribe(sub), SUBSCRIBE_RETRY_MS);
      return;
    }
    // Given up for now: forgotten, so the next snapshot that still lists the feed tries afresh.
    this.dropSubscription(sub.pub.feedId, false);
    this.changed();
    this.opts.onNotice(code, message);
  }

  private dropSubscription(feedId: string, tellServer: boolean): void {
    const sub = this.subs.get(feedId);
    if (!sub) return;
    if (sub.retry !== null) clearTimeout(sub.retry);
    sub.peer?.close();
    this.subs.delete(feedId);
    if (tellServer && !this.stopped) void this.opts.send('media:unsubscribe', { feedId });
  }

  // --- statistics -------------------------------------------------------------------------

  private async reportStats(): Promise<void> {
    if (this.statsBusy || this.stopped) return;
    this.statsBusy = true;
    try {
      const feeds: (FeedWindow & { feedId: string })[] = [];
      for (const sub of [...this.subs.values()]) {
        const peer = sub.peer;
        if (!peer || peer.isClosed()) continue;
        const entries = await readStats(peer.pc);
        if (!this.isCurrent(sub, peer)) continue;
        const window = this.readSubscription(sub, peer, entries);
        if (window) feeds.push({ feedId: sub.pub.feedId, ...window });
      }
      const camera = this.pubs.get('camera');
      const rtt = camera && !camera.isClosed() ? selectedRtt(await readStats(camera.pc)) : undefined;
      if (feeds.length === 0 && rtt === undefined) return;
      // A report lost on the way is replaced by the next one two seconds later.
      await this.opts.send('media:stats', {
        feeds: feeds.slice(0, 24),
        ...(rtt === undefined ? {} : { rtt }),
      });
    } catch (err) {
      this.mediaError(err);
    } finally {
      this.statsBusy = false;
    }
  }

  /** The window to report for one subscription; a dead one is subscribed anew instead. */
  private readSubscription(sub: Subscription, peer: Peer, entries: StatsEntry[]): FeedWindow | null {
    const prev = sub.last?.peer === peer ? sub.last : null;
    const checkFlow = sub.pub.source === 'camera' && peer.pc.connectionState === 'connected';
    const next = nextReading(prev, entries, checkFlow);
    sub.last = { peer, ...next.reading };
    if (!next.dead) return next.window;
    this.runSubscribe(sub);
    return null;
  }

  // --- helpers ----------------------------------------------------------------------------

  private readonly sendCandidate = (peer: PeerRef, candidate: WireCandidate): void => {
    // A lost candidate costs nothing: ICE has the others and the end-of-candidates marker.
    void this.opts.send('media:candidate', { peer, candidate });
  };

  private mediaError(err: unknown): void {
    if (this.stopped) return;
    this.opts.onNotice('media_failed', err instanceof Error ? err.message : String(err));
  }

  private changed(): void {
    this.snap = {
      remotes: [...this.subs.values()].map((s) => ({
        feedId: s.pub.feedId,
        userId: s.pub.userId,
        source: s.pub.source,
        stream: s.stream,
        state: s.state,
      })),
      sharingScreen: this.screen !== null,
      cameraState: this.pubs.get('camera')?.pc.connectionState ?? null,
    };
    for (const listener of this.listeners) listener();
  }
}
