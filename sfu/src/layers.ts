// Simulcast layer choice for one subscriber, from that subscriber's own receive statistics.
// Clinics sit on 2-10 Mbit/s links shared by the whole building, so a layer that stops fitting must
// be dropped quickly (loss and freezes hurt more than resolution), while going back up waits until
// the link has shown headroom for a while, so a subscriber doesn't flap between layers.

/** 0 = lowest (rid "l"), 2 = highest (rid "h"); 'audio-only' pauses the video stream. */
export type Layer = 0 | 1 | 2 | 'audio-only';

export interface LayerStats {
  /**
   * Bandwidth the subscriber's browser estimates it can receive (bit/s), if it exposes one.
   * Chromium's getStats has no receive-side estimate, so callers usually leave this out and the
   * choice rests on loss, frame rate and time spent on the current layer.
   */
  availableIncomingBitrate?: number;
  /** Fraction (0-1) of this subscriber's video packets lost over the last measuring window. */
  packetLoss: number;
  /** Decoded frames per second over the last window (undefined while audio-only). */
  framesPerSecond?: number;
  currentLayer: Layer;
  /** How long (ms) the current layer has been in use. */
  msOnCurrentLayer: number;
  /**
   * How long (ms) since this subscriber last saw trouble (loss above lossUp or a stall), so a
   * link that just recovered must prove itself before stepping up. Defaults to msOnCurrentLayer.
   */
  msSinceTrouble?: number;
}

export interface LayerPolicy {
  /** Typical bit/s of each layer as published (l, m, h) and of the audio stream. */
  layerBitrates: readonly [number, number, number];
  audioBitrate: number;
  /** Loss above this steps down one layer at once. */
  lossDown: number;
  /** Loss above this at the lowest layer means video can't be carried: audio only. */
  lossAudioOnly: number;
  /** Loss must stay under this (and fps above fpsDown) before stepping up. */
  lossUp: number;
  /** Frame rate under this on an upper layer means the stream stalls: step down. */
  fpsDown: number;
  /** An estimate must exceed the next layer's need by this factor to step up (down at 1.0). */
  upHeadroom: number;
  /** Time on a layer before stepping up; without a bandwidth estimate, probing waits longer. */
  holdUpMs: number;
  holdUpBlindMs: number;
}

export const DEFAULT_POLICY: LayerPolicy = {
  layerBitrates: [150_000, 450_000, 1_000_000],
  audioBitrate: 40_000,
  lossDown: 0.08,
  lossAudioOnly: 0.2,
  lossUp: 0.02,
  fpsDown: 8,
  upHeadroom: 1.3,
  holdUpMs: 8_000,
  holdUpBlindMs: 15_000,
};

const need = (layer: 0 | 1 | 2, p: LayerPolicy): number => p.layerBitrates[layer] + p.audioBitrate;

const down = (layer: Layer): Layer =>
  layer === 'audio-only' || layer === 0 ? 'audio-only' : layer === 2 ? 1 : 0;
const up = (layer: Layer): Layer => (layer === 'audio-only' ? 0 : layer === 0 ? 1 : 2);

/** Highest layer whose need fits in `bitrate` (factor 1 = no headroom), or 'audio-only'. */
function fitting(bitrate: number, p: LayerPolicy, factor: number): Layer {
  for (const layer of [2, 1, 0] as const) if (bitrate >= need(layer, p) * factor) return layer;
  return 'audio-only';
}

const rank = (layer: Layer): number => (layer === 'audio-only' ? -1 : layer);

/** The layer this subscriber should receive next; returns currentLayer when nothing should change. */
export function chooseLayer(stats: LayerStats, policy: LayerPolicy = DEFAULT_POLICY): Layer {
  const { currentLayer: current, packetLoss, framesPerSecond: fps, availableIncomingBitrate: bw } = stats;

  // Stepping down: any one sign of trouble is enough, and it happens without waiting.
  if (current !== 'audio-only') {
    if (current === 0 && packetLoss > policy.lossAudioOnly) return 'audio-only';
    if (bw !== undefined && bw < need(current, policy)) {
      const fit = fitting(bw, policy, 1);
      // Even heavy loss never drops below what the estimate says still fits, except to audio.
      return rank(fit) < rank(current) ? fit : down(current);
    }
    if (packetLoss > policy.lossDown) return current === 0 ? 0 : down(current);
    if (current !== 0 && fps !== undefined && fps < policy.fpsDown) return down(current);
  }

  // Stepping up: one layer at a time, only after a calm period on the current one.
  if (current === 2) return current;
  const calm =
    packetLoss < policy.lossUp && (current === 'audio-only' || fps === undefined || fps >= policy.fpsDown);
  if (!calm) return current;
  const next = up(current) as 0 | 1 | 2;
  const stableMs = Math.min(stats.msOnCurrentLayer, stats.msSinceTrouble ?? Infinity);
  if (bw !== undefined) {
    const enough = bw >= need(next, policy) * policy.upHeadroom;
    return enough && stableMs >= policy.holdUpMs ? next : current;
  }
  return stableMs >= policy.holdUpBlindMs ? next : current;
}
