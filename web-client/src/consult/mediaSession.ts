// Every peer connection of one participant in one consult room, without React: the camera and
// screen publishers (mediaPublish.ts), the shared screen (mediaScreen.ts), one recvonly
// subscription per remote feed (mediaSubscribe.ts) and the statistics loop (mediaStats.ts). It
// follows the room's publisher list, rebuilds connections that fail and hands React an immutable
// snapshot (useSyncExternalStore). The camera stream belongs to the page (it outlives a
// renegotiation); the screen stream belongs to this session.
import type { RoomPublisher } from '@tiered-care/common';
import type { MediaContext } from './mediaContext';
import { Publishers } from './mediaPublish';
import { ScreenShare } from './mediaScreen';
import { StatsReporter } from './mediaStats';
import { FeedSubscriptions, type PeerState, type RemoteFeed } from './mediaSubscribe';
import type { PeerRef, WireCandidate } from './peer';
import type { RoomSend } from './roomSocket';
import { SnapshotStore } from './snapshotStore';

export type { PeerState, RemoteFeed } from './mediaSubscribe';

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

const EMPTY: MediaSnapshot = { remotes: [], sharingScreen: false, cameraState: null };

export class MediaSession {
  private camera: MediaStream | null = null;
  private publishers: readonly RoomPublisher[] = [];
  private iceServers: RTCIceServer[];
  private started = false;
  private stopped = false;
  private readonly store = new SnapshotStore<MediaSnapshot>(EMPTY);
  private readonly pubs: Publishers;
  private readonly subs: FeedSubscriptions;
  private readonly stats: StatsReporter;
  private readonly screen: ScreenShare;

  constructor(private readonly opts: MediaSessionOptions) {
    this.iceServers = opts.iceServers;
    const ctx: MediaContext = {
      send: opts.send,
      iceServers: () => this.iceServers,
      isStopped: () => this.stopped,
      changed: () => this.changed(),
      onNotice: (code, message) => opts.onNotice(code, message),
      mediaError: (err) => this.mediaError(err),
      sendCandidate: this.sendCandidate,
    };
    this.pubs = new Publishers(ctx, (source) => (source === 'camera' ? this.camera : this.screen.current));
    this.screen = new ScreenShare(ctx, this.pubs, () => this.started && !this.stopped);
    this.subs = new FeedSubscriptions(ctx, opts.selfUserId);
    this.stats = new StatsReporter(ctx, this.subs, () => this.pubs.get('camera'));
  }

  readonly subscribe = this.store.subscribe;
  readonly getSnapshot = this.store.getSnapshot;

  /** Publishes the camera, receives the others and starts the statistics loop. */
  start(camera: MediaStream | null): void {
    if (this.started || this.stopped) return;
    this.started = true;
    this.camera = camera;
    this.pubs.run('camera');
    this.syncPublishers(this.publishers);
    this.stats.start();
  }

  /** A new local camera stream (e.g. acquired after joining): publish it in place of the old. */
  setCamera(camera: MediaStream | null): void {
    if (camera === this.camera) return;
    this.camera = camera;
    if (!this.started) return;
    if (camera?.getTracks().length) {
      this.pubs.run('camera');
    } else if (this.pubs.has('camera')) {
      this.pubs.close('camera');
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
    if (this.subs.sync(publishers)) this.changed();
  }

  /**
   * The media server lost our connections (it restarted, or our socket was away): drop every peer
   * connection and publish and subscribe anew, with the same local tracks.
   */
  renegotiate(): void {
    if (!this.started || this.stopped) return;
    this.pubs.closeAll();
    this.subs.dropAll();
    this.pubs.run('camera');
    if (this.screen.current) this.pubs.run('screen');
    this.syncPublishers(this.publishers);
    this.changed();
  }

  /** Asks the user for a screen or window and publishes it as a second feed. */
  startScreen(): Promise<void> {
    return this.screen.start();
  }

  stopScreen(): Promise<void> {
    return this.screen.stop();
  }

  /** Closes everything this session opened. The camera tracks stay: they are the page's. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.stats.stop();
    this.pubs.closeAll();
    this.subs.dropAll();
    this.screen.drop();
    this.changed();
    this.store.close();
  }

  private readonly sendCandidate = (peer: PeerRef, candidate: WireCandidate): void => {
    // A lost candidate costs nothing: ICE has the others and the end-of-candidates marker.
    void this.opts.send('media:candidate', { peer, candidate });
  };

  private mediaError(err: unknown): void {
    if (this.stopped) return;
    this.opts.onNotice('media_failed', err instanceof Error ? err.message : String(err));
  }

  private changed(): void {
    this.store.set({
      remotes: this.subs.remotes(),
      sharingScreen: this.screen.current !== null,
      cameraState: this.pubs.get('camera')?.pc.connectionState ?? null,
    });
  }
}
