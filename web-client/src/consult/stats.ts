// Receive statistics for `media:stats`: counters read from getStats, turned into the deltas of
// the last window. Pure functions over plain objects, so they run under node:test.

/** One entry of an RTCStatsReport, as plain data. */
export type StatsEntry = { id?: unknown; type?: unknown } & Record<string, unknown>;

export interface InboundCounters {
  packetsReceived: number;
  packetsLost: number;
  framesPerSecond?: number;
}

export interface FeedWindow {
  packetsReceived: number;
  packetsLost: number;
  framesPerSecond?: number;
}

/** Reports in a row without a single packet after which a connected camera feed counts as dead. */
export const STALL_WINDOWS = 3;

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** The video receive counters of one subscription's connection, or null before video flows. */
export function inboundVideo(entries: Iterable<StatsEntry>): InboundCounters | null {
  // A subscription carries one video stream; should there be more, their packets add up.
  let streams = 0;
  let packetsReceived = 0;
  let packetsLost = 0;
  let fps: number | undefined;
  for (const s of entries) {
    if (s.type !== 'inbound-rtp' || s.kind !== 'video') continue;
    streams += 1;
    packetsReceived += num(s.packetsReceived) ?? 0;
    // Signed in RTP: duplicates can push it below zero.
    packetsLost += Math.max(0, num(s.packetsLost) ?? 0);
    fps = num(s.framesPerSecond) ?? fps;
  }
  if (streams === 0) return null;
  return { packetsReceived, packetsLost, ...(fps === undefined ? {} : { framesPerSecond: fps }) };
}

/**
 * The window since the previous reading. Counters that went backwards belong to a new connection
 * (the feed was subscribed again), so the new totals are the window.
 */
export function statsWindow(prev: InboundCounters | undefined, cur: InboundCounters): FeedWindow {
  const reset = !prev || cur.packetsReceived < prev.packetsReceived || cur.packetsLost < prev.packetsLost;
  const base = reset ? { packetsReceived: 0, packetsLost: 0 } : prev;
  const fps = cur.framesPerSecond;
  return {
    packetsReceived: Math.round(cur.packetsReceived - base.packetsReceived),
    packetsLost: Math.round(cur.packetsLost - base.packetsLost),
    ...(fps === undefined ? {} : { framesPerSecond: Math.min(240, Math.max(0, fps)) }),
  };
}

/** Round-trip time (seconds) of the connection's selected ICE candidate pair, if known. */
export function selectedRtt(entries: Iterable<StatsEntry>): number | undefined {
  const all = [...entries];
  const selectedId = all.find(
    (s) => s.type === 'transport' && typeof s.selectedCandidatePairId === 'string',
  )?.selectedCandidatePairId;
  const pair =
    all.find((s) => s.type === 'candidate-pair' && s.id === selectedId) ??
    all.find((s) => s.type === 'candidate-pair' && s.nominated === true && s.state === 'succeeded');
  const rtt = num(pair?.currentRoundTripTime);
  return rtt === undefined ? undefined : Math.min(60, Math.max(0, rtt));
}

/** Packets received on all streams (audio and video) of a connection: does anything flow at all? */
export function inboundTotal(entries: Iterable<StatsEntry>): number {
  let total = 0;
  for (const s of entries) if (s.type === 'inbound-rtp') total += num(s.packetsReceived) ?? 0;
  return total;
}

/** What a subscription's previous statistics reading left for the next one. */
export interface Reading {
  counters: InboundCounters | null;
  total: number;
  /** Readings in a row in which nothing arrived. */
  stalled: number;
}

/**
 * One reading of a subscription: the window to report, and whether the feed looks dead. A
 * publisher that published again under the same feed id leaves the old subscription connected
 * but silent; a muted microphone or a disabled camera still sends packets, so silence over
 * STALL_WINDOWS readings means the subscription must be made anew. `checkFlow` is false where
 * silence proves nothing (a connection not up yet, a still screen share that sends no frames).
 */
export function nextReading(
  prev: Reading | null,
  entries: readonly StatsEntry[],
  checkFlow: boolean,
): { reading: Reading; window: FeedWindow | null; dead: boolean } {
  const counters = inboundVideo(entries);
  const total = inboundTotal(entries);
  const stalled = !checkFlow || !prev || total > prev.total ? 0 : prev.stalled + 1;
  return {
    reading: { counters, total, stalled },
    window: counters ? statsWindow(prev?.counters ?? undefined, counters) : null,
    dead: stalled >= STALL_WINDOWS,
  };
}

export async function readStats(pc: RTCPeerConnection): Promise<StatsEntry[]> {
  const report = await pc.getStats();
  const out: StatsEntry[] = [];
  report.forEach((s: StatsEntry) => out.push(s));
  return out;
}
