// Per-receiver simulcast control. Each browser reports its own receive statistics every ~2 s;
// from them this picks, per subscription, the layer that receiver's downlink can carry (sfu's
// chooseLayer) and derives the connection quality everyone sees next to the person's name.
import type { ConnectionQuality } from '@tiered-care/common';
import { chooseLayer, DEFAULT_POLICY, type Layer, type LayerPolicy } from '@tiered-care/sfu';

export interface FeedReport {
  feedId: string;
  packetsReceived: number;
  packetsLost: number;
  framesPerSecond?: number | undefined;
}

interface FeedLayer {
  layer: Layer;
  since: number;
  lastTrouble: number;
  loss: number;
}

export interface LayerDecision {
  feedId: string;
  layer: Layer;
}

/** Janus starts a new subscriber on the highest layer; the first reports step down if needed. */
const START_LAYER: Layer = 2;

export class LayerControl {
  private readonly feeds = new Map<string, FeedLayer>();
  private rtt: number | undefined;

  constructor(private readonly policy: LayerPolicy = DEFAULT_POLICY) {}

  /** Forget a subscription (unsubscribed, or every subscription after a renegotiation). */
  forget(feedId?: string): void {
    if (feedId === undefined) this.feeds.clear();
    else this.feeds.delete(feedId);
  }

  /** The layers that should change after this report. */
  report(feeds: FeedReport[], rtt: number | undefined, now = Date.now()): LayerDecision[] {
    this.rtt = rtt;
    const changes: LayerDecision[] = [];
    for (const f of feeds) {
      const state = this.feeds.get(f.feedId) ?? { layer: START_LAYER, since: now, lastTrouble: now, loss: 0 };
      const total = f.packetsReceived + f.packetsLost;
      const loss = total > 0 ? f.packetsLost / total : 0;
      const fps = state.layer === 'audio-only' ? undefined : f.framesPerSecond;
      if (loss > this.policy.lossUp || (fps !== undefined && fps < this.policy.fpsDown)) {
        state.lastTrouble = now;
      }
      state.loss = loss;
      const next = chooseLayer(
        {
          packetLoss: loss,
          framesPerSecond: fps,
          currentLayer: state.layer,
          msOnCurrentLayer: now - state.since,
          msSinceTrouble: now - state.lastTrouble,
        },
        this.policy,
      );
      if (next !== state.layer) {
        state.layer = next;
        state.since = now;
        changes.push({ feedId: f.feedId, layer: next });
      }
      this.feeds.set(f.feedId, state);
    }
    return changes;
  }

  /** How this person's link looks: their worst subscription and their publishing round trip. */
  quality(): ConnectionQuality {
    const states = [...this.feeds.values()];
    if (states.length === 0 && this.rtt === undefined) return 'unknown';
    const worstLoss = Math.max(0, ...states.map((s) => s.loss));
    const audioOnly = states.some((s) => s.layer === 'audio-only');
    const rtt = this.rtt ?? 0;
    if (audioOnly || worstLoss > this.policy.lossDown || rtt > 0.6) return 'poor';
    if (worstLoss > this.policy.lossUp || rtt > 0.3 || states.some((s) => s.layer === 0)) return 'fair';
    return 'good';
  }
}
