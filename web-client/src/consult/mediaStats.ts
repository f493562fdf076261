// The statistics loop of a media session: every 2 s, one receive window per subscription and the
// camera publisher's round-trip time go to the room (the host sees everyone's connection
// quality). A subscription whose media stopped flowing is subscribed anew instead.
import type { MediaContext } from './mediaContext';
import { STATS_INTERVAL_MS } from './mediaConfig';
import type { FeedSubscriptions, Subscription } from './mediaSubscribe';
import type { Peer } from './peer';
import { nextReading, readStats, selectedRtt, type FeedWindow, type StatsEntry } from './stats';

export class StatsReporter {
  private timer: ReturnType<typeof setInterval> | null = null;
  private busy = false;

  constructor(
    private readonly ctx: MediaContext,
    private readonly subs: FeedSubscriptions,
    private readonly camera: () => Peer | undefined,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.report(), STATS_INTERVAL_MS);
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
  }

  private async report(): Promise<void> {
    if (this.busy || this.ctx.isStopped()) return;
    this.busy = true;
    try {
      const feeds: (FeedWindow & { feedId: string })[] = [];
      for (const sub of this.subs.all()) {
        const peer = sub.peer;
        if (!peer || peer.isClosed()) continue;
        const entries = await readStats(peer.pc);
        if (!this.subs.isCurrent(sub, peer)) continue;
        const window = this.readSubscription(sub, peer, entries);
        if (window) feeds.push({ feedId: sub.pub.feedId, ...window });
      }
      const camera = this.camera();
      const rtt = camera && !camera.isClosed() ? selectedRtt(await readStats(camera.pc)) : undefined;
      if (feeds.length === 0 && rtt === undefined) return;
      // A report lost on the way is replaced by the next one two seconds later.
      await this.ctx.send('media:stats', {
        feeds: feeds.slice(0, 24),
        ...(rtt === undefined ? {} : { rtt }),
      });
    } catch (err) {
      this.ctx.mediaError(err);
    } finally {
      this.busy = false;
    }
  }

  /** The window to report for one subscription; a dead one is subscribed anew instead. */
  private readSubscription(sub: Subscription, peer: Peer, entries: StatsEntry[]): FeedWindow | null {
    const prev = sub.last?.peer === peer ? sub.last : null;
    const checkFlow = sub.pub.source === 'camera' && peer.pc.connectionState === 'connected';
    const next = nextReading(prev, entries, checkFlow);
    sub.last = { peer, ...next.reading };
    if (!next.dead) return next.window;
    this.subs.run(sub);
    return null;
  }
}
