// One live consultation = one VideoRoom room on Janus, plus one Janus handle per browser peer
// connection: a publisher per participant and source (camera, screen) and a subscriber per
// (participant, remote feed). The room's secret and pin are random and never leave this process;
// browsers only ever talk to signaling, which calls the methods here.
import { EventEmitter } from 'node:events';
import type { IceCandidate, Jsep } from 'janode';
import type { VideoRoomHandle } from 'janode/plugins/videoroom';
import { EarlyCandidates, sendCandidate } from './earlyCandidates';
import { JanusRoom } from './janusRoom';
import { RecordingSession } from './recordingSession';
import { pauseVideo, switchSubstream, type VideoSubscription } from './substream';
import type { Layer } from './layers';
import type { JanusSession } from './janusSession';
import type { SfuLogger } from './logger';
import {
  feedIdFor,
  SfuError,
  type PeerRef,
  type PublisherInfo,
  type RoomEvents,
  type RoomSettings,
  type Source,
} from './types';
import { JANODE_EVENT } from './janodeClient';

interface PublisherPeer extends PublisherInfo {
  handle: VideoRoomHandle;
  /** Resolves when the publisher's WebRTC is up: Janus refuses subscriptions before that (428). */
  up: Promise<boolean>;
}
interface SubscriberPeer {
  handle: VideoRoomHandle;
  participantId: string;
  feedId: string;
  video: VideoSubscription | undefined;
}

const peerKey = (participantId: string, peer: PeerRef): string =>
  'publisher' in peer
    ? `${participantId}|pub|${peer.publisher}`
    : `${participantId}|sub|${peer.subscription}`;

export class MediaRoom extends EventEmitter<RoomEvents> {
  private janus: JanusRoom | undefined;
  private readonly pubs = new Map<string, PublisherPeer>();
  private readonly subs = new Map<string, SubscriberPeer>();
  private readonly early = new EarlyCandidates();
  private recording: RecordingSession | undefined;
  private closed = false;

  private constructor(
    readonly consultId: string,
    private link: JanusSession,
    private readonly settings: RoomSettings,
    private readonly log: SfuLogger,
  ) {
    super();
  }

  /** Creates the room on Janus; use RoomManager.open, which makes sure there is only one. */
  static async create(link: JanusSession, consultId: string, settings: RoomSettings, log: SfuLogger) {
    const room = new MediaRoom(consultId, link, settings, log.child({ consultId }));
    room.janus = await JanusRoom.create(link, consultId, settings, room.log);
    return room;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  get participantIds(): string[] {
    const all = [...this.pubs.values(), ...this.subs.values()].map((p) => p.participantId);
    return [...new Set(all)];
  }

  publishers(): PublisherInfo[] {
    return [...this.pubs.values()].map(({ feedId, participantId, source }) => ({
      feedId,
      participantId,
      source,
    }));
  }

  /** Browser offer in, Janus answer out. Publishing again replaces the previous peer connection. */
  async publish(
    participantId: string,
    source: Source,
    offer: Jsep,
  ): Promise<{ feedId: string; answer: Jsep }> {
    const feedId = feedIdFor(participantId, source);
    await this.dropPublisher(feedId);
    const handle = await this.attach();
    const up = new Promise<boolean>((resolve) => {
      handle.once(JANODE_EVENT.HANDLE_WEBRTCUP, () => resolve(true));
      handle.once(JANODE_EVENT.HANDLE_DETACHED, () => resolve(false));
    });
    const recordBase = this.recording?.newBase(feedId);
    try {
      const joined = await handle.joinConfigurePublisher({
        room: this.consultId,
        feed: feedId,
        pin: this.room().pin,
        display: JSON.stringify({ participantId, source }),
        ...(recordBase ? { record: true, filename: recordBase } : {}),
        jsep: offer,
      });
      if (!joined.jsep) throw new SfuError('janus', 'janus accepted the offer without an answer');
      const info = { feedId, participantId, source };
      this.pubs.set(feedId, { ...info, handle, up });
      this.watch(handle, participantId, { publisher: source });
      await this.early.release(peerKey(participantId, { publisher: source }), handle);
      void up.then(
        (ok) => ok && this.pubs.get(feedId)?.handle === handle && this.emit('publisher-added', info),
      );
      return { feedId, answer: joined.jsep };
    } catch (error) {
      await handle.detach().catch(() => undefined);
      throw error;
    }
  }

  /** A browser ICE candidate (null = end of candidates) for one of its peer connections. */
  async trickle(participantId: string, peer: PeerRef, candidate: IceCandidate | null): Promise<void> {
    const handle = this.findHandle(participantId, peer);
    if (handle) await sendCandidate(handle, candidate);
    else this.early.hold(peerKey(participantId, peer), candidate);
  }

  /** Janus offer for receiving one remote feed; answer it with startSubscription. */
  async subscribe(participantId: string, feedId: string): Promise<{ offer: Jsep }> {
    const pub = this.pubs.get(feedId);
    if (!pub) throw new SfuError('unknown_feed', `no publisher ${feedId}`);
    let timer: NodeJS.Timeout | undefined;
    const connected = await Promise.race([
      pub.up,
      new Promise<false>(
        (resolve) => (timer = setTimeout(() => resolve(false), this.settings.publisherWaitMs)),
      ),
    ]).finally(() => clearTimeout(timer));
    if (!connected) throw new SfuError('feed_not_ready', `publisher ${feedId} is not connected`);
    const key = peerKey(participantId, { subscription: feedId });
    await this.drop(this.subs, key);
    const handle = await this.attach();
    try {
      const joined = await handle.joinSubscriber({
        room: this.consultId,
        pin: this.room().pin,
        streams: [{ feed: feedId }],
      });
      if (!joined.jsep) throw new SfuError('janus', 'janus sent no offer for the subscription');
      const videoMid = joined.streams?.find((s) => s.type === 'video')?.mid;
      const video = videoMid === undefined ? undefined : { handle, videoMid, paused: false };
      this.subs.set(key, { handle, participantId, feedId, video });
      this.watch(handle, participantId, { subscription: feedId });
      await this.early.release(peerKey(participantId, { subscription: feedId }), handle);
      return { offer: joined.jsep };
    } catch (error) {
      await handle.detach().catch(() => undefined);
      throw error;
    }
  }

  async startSubscription(participantId: string, feedId: string, answer: Jsep): Promise<void> {
    await this.subscriber(participantId, feedId).handle.start({ jsep: answer });
  }

  /**
   * Simulcast layer (0 = lowest) and temporal layer Janus forwards to this subscriber. Resolves
   * whether Janus confirmed the switch (it needs a keyframe of that layer from the publisher).
   */
  async setSubstream(
    participantId: string,
    feedId: string,
    substream: 0 | 1 | 2,
    temporal: 0 | 1 | 2 = 2,
  ): Promise<boolean> {
    return switchSubstream(this.video(participantId, feedId), substream, temporal, this.keyframe(feedId));
  }

  /** Applies a chooseLayer() decision: a simulcast layer, or pausing the video ('audio-only'). */
  async applyLayer(participantId: string, feedId: string, layer: Layer): Promise<void> {
    const video = this.video(participantId, feedId);
    if (layer === 'audio-only') await pauseVideo(video);
    else await switchSubstream(video, layer, 2, this.keyframe(feedId));
  }

  async unsubscribe(participantId: string, feedId: string): Promise<void> {
    await this.drop(this.subs, peerKey(participantId, { subscription: feedId }));
  }

  async unpublish(participantId: string, source: Source): Promise<void> {
    await this.dropPublisher(feedIdFor(participantId, source));
  }

  /** Everything of one participant: their publishers and subscriptions. */
  async leave(participantId: string): Promise<void> {
    for (const source of ['camera', 'screen'] as const) await this.unpublish(participantId, source);
    for (const [key, sub] of this.subs)
      if (sub.participantId === participantId) await this.drop(this.subs, key);
  }

  /** Records every publisher (current and joining later) into `dir` as Janus .mjr files. */
  async startRecording(dir: string): Promise<void> {
    const janus = this.room();
    // The same folder again (after a Janus restart) continues the same recording.
    const recording =
      this.recording?.dir === dir ? this.recording : new RecordingSession(dir, this.consultId);
    await janus.setRecordingDir(dir);
    this.recording = recording;
    for (const pub of this.pubs.values()) {
      await pub.handle.configure({ record: true, filename: recording.newBase(pub.feedId) });
    }
    await janus.enableRecording(true);
    this.log.info({ dir }, 'recording started');
  }

  /** Stops recording; returns the .mjr files written since startRecording (all sessions). */
  async stopRecording(): Promise<string[]> {
    const recording = this.recording;
    if (!recording) return [];
    await this.room().enableRecording(false);
    this.recording = undefined;
    this.log.info({ dir: recording.dir }, 'recording stopped');
    return recording.files();
  }

  /**
   * Re-creates the room on a new Janus (after a restart): every old handle died with the old
   * process, so participants must publish and subscribe again. Returns who has to renegotiate.
   */
  async recreate(link: JanusSession): Promise<string[]> {
    const participants = this.participantIds;
    this.pubs.clear();
    this.subs.clear();
    this.early.clear();
    this.link = link;
    this.janus = undefined;
    this.janus = await JanusRoom.create(link, this.consultId, this.settings, this.log);
    if (this.recording) await this.startRecording(this.recording.dir);
    return participants;
  }

  async destroy(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const key of [...this.subs.keys()]) await this.drop(this.subs, key);
    for (const feedId of [...this.pubs.keys()]) await this.dropPublisher(feedId);
    if (this.janus && this.link.alive) {
      await this.janus.destroy().catch((error: unknown) => {
        this.log.warn({ err: error }, 'destroying the janus room failed');
      });
    }
    this.log.info('consult room destroyed');
  }

  private async attach(): Promise<VideoRoomHandle> {
    if (this.closed) throw new SfuError('room_closed', `consult room ${this.consultId} is closed`);
    return this.link.attach();
  }

  private room(): JanusRoom {
    if (this.closed || !this.janus)
      throw new SfuError('room_closed', `consult room ${this.consultId} is closed`);
    return this.janus;
  }

  private findHandle(participantId: string, peer: PeerRef): VideoRoomHandle | undefined {
    if ('publisher' in peer) {
      const pub = this.pubs.get(feedIdFor(participantId, peer.publisher));
      return pub?.participantId === participantId ? pub.handle : undefined;
    }
    return this.subs.get(peerKey(participantId, peer))?.handle;
  }

  private subscriber(participantId: string, feedId: string): SubscriberPeer {
    const sub = this.subs.get(peerKey(participantId, { subscription: feedId }));
    if (!sub) throw new SfuError('unknown_peer', `${participantId} has no subscription to ${feedId}`);
    return sub;
  }

  /** Asks a publisher for a keyframe (Janus sends it a PLI). */
  private keyframe(feedId: string): () => Promise<unknown> {
    return async () => this.pubs.get(feedId)?.handle.configure({ keyframe: true });
  }

  private video(participantId: string, feedId: string): VideoSubscription {
    const { video } = this.subscriber(participantId, feedId);
    if (!video) throw new SfuError('no_video', `${feedId} has no video`);
    return video;
  }

  private watch(handle: VideoRoomHandle, participantId: string, peer: PeerRef): void {
    handle.on(JANODE_EVENT.HANDLE_WEBRTCUP, () => this.emit('peer-up', { participantId, peer }));
    handle.on(JANODE_EVENT.HANDLE_HANGUP, ({ reason }: { reason?: string }) =>
      this.emit('peer-down', { participantId, peer, reason: reason ?? 'hangup' }),
    );
    handle.on(JANODE_EVENT.HANDLE_ICE_FAILED, () =>
      this.emit('peer-down', { participantId, peer, reason: 'ice-failed' }),
    );
  }

  private async drop<T extends { handle: VideoRoomHandle }>(
    map: Map<string, T>,
    key: string,
  ): Promise<T | undefined> {
    const peer = map.get(key);
    if (!peer) return undefined;
    map.delete(key);
    // Detaching is how Janus learns the peer left; on a dead link there is nothing to tell.
    if (this.link.alive) await peer.handle.detach().catch(() => undefined);
    return peer;
  }

  private async dropPublisher(feedId: string): Promise<void> {
    const pub = await this.drop(this.pubs, feedId);
    if (!pub) return;
    for (const [key, sub] of this.subs) if (sub.feedId === feedId) await this.drop(this.subs, key);
    this.emit('publisher-removed', { feedId, participantId: pub.participantId, source: pub.source });
  }
}
