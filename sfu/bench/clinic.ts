// Part 3: a clinic subscriber behind a 1 Mbit/s tbf link receiving two publishers whose top layer
// is ~1 Mbit/s each, once always on the top layer and once with layer selection: every 2 s the
// subscriber's own receive stats go through chooseLayer and the answer through room.applyLayer,
// the loop signaling runs for each browser (mirrored here, not imported: sfu can't depend on
// signaling).
import type { MediaRoom } from '../src/mediaRoom';
import { chooseLayer, DEFAULT_POLICY, type Layer } from '../src/layers';
import { sleep } from '@tiered-care/testkit';
import { fmt } from './measure';
import { subscribeWatched, type BenchPage, type Inbound, type LayerOut } from './page';

export interface ClinicSummary {
  /** Decoded frames per second, mean over the two feeds. */
  fps: number;
  freezes: number;
  freezeSeconds: number;
  /** 2 s sampling intervals (per feed) in which video was forwarded but no frame decoded. */
  stalls: number;
  intervals: number;
  /** Video packet loss, %. */
  loss: number;
  /** Concealed audio samples / samples received, %. */
  concealed: number;
  /** Received video kbit/s, both feeds together. */
  kbps: number;
  seconds: number;
}

export interface LayerSent {
  kbps: number;
  fps: number;
  /** Encoder target at the end, kbit/s (both publishers added). */
  target: number;
  limitedBy: string;
}

export interface ClinicRun {
  selection: boolean;
  whole: ClinicSummary;
  /** The same over the last third of the run, once layer selection has settled. */
  tail: ClinicSummary;
  /** Per feed: layer changes as "layer@seconds". */
  paths: string[][];
  /** What the publishers sent on each simulcast layer during the run (kbit/s both added, fps mean). */
  sent: Record<string, LayerSent>;
}

interface FeedState {
  layer: Layer;
  since: number;
  lastTrouble: number;
}

/** One sampling of every feed, with the layers that were in effect over the interval before it. */
interface Sample {
  feeds: Inbound[];
  layers: Layer[];
}

const diff = (a: number | undefined, b: number | undefined) => (a ?? 0) - (b ?? 0);

function summarize(samples: Sample[]): ClinicSummary {
  const first = samples[0];
  const last = samples.at(-1);
  const out = { fps: 0, freezes: 0, freezeSeconds: 0, stalls: 0, intervals: 0, loss: 0, concealed: 0 };
  if (!first || !last) return { ...out, kbps: 0, seconds: 0 };
  let lost = 0;
  let received = 0;
  let samplesIn = 0;
  let bytes = 0;
  let frames = 0;
  for (const [i, b] of first.feeds.entries()) {
    const a = last.feeds[i];
    frames += diff(a?.video?.framesDecoded, b.video?.framesDecoded);
    out.freezes += diff(a?.video?.freezeCount, b.video?.freezeCount);
    out.freezeSeconds += diff(a?.video?.totalFreezesDuration, b.video?.totalFreezesDuration);
    lost += diff(a?.video?.packetsLost, b.video?.packetsLost);
    received += diff(a?.video?.packetsReceived, b.video?.packetsReceived);
    out.concealed += diff(a?.audio?.concealedSamples, b.audio?.concealedSamples);
    samplesIn += diff(a?.audio?.totalSamplesReceived, b.audio?.totalSamplesReceived);
    bytes += diff(a?.video?.bytesReceived, b.video?.bytesReceived);
  }
  for (let k = 1; k < samples.length; k++) {
    const [before, after] = [samples[k - 1], samples[k]];
    for (const [i, layer] of (after?.layers ?? []).entries()) {
      if (layer === 'audio-only') continue;
      out.intervals += 1;
      const decoded = diff(after?.feeds[i]?.video?.framesDecoded, before?.feeds[i]?.video?.framesDecoded);
      if (decoded === 0) out.stalls += 1;
    }
  }
  const seconds = diff(last.feeds[0]?.at, first.feeds[0]?.at) / 1000;
  return {
    ...out,
    fps: frames / first.feeds.length / seconds,
    loss: lost + received > 0 ? (100 * Math.max(0, lost)) / (lost + received) : 0,
    concealed: samplesIn > 0 ? (100 * out.concealed) / samplesIn : Number.NaN,
    kbps: (bytes * 8) / 1000 / seconds,
    seconds,
  };
}

async function outboundByLayer(publishers: BenchPage[]): Promise<Map<string, LayerOut[]>> {
  const layers = new Map<string, LayerOut[]>();
  for (const p of publishers)
    for (const l of await p.outbound('camera')) layers.set(l.rid, [...(layers.get(l.rid) ?? []), l]);
  return layers;
}

function sentBetween(before: Map<string, LayerOut[]>, after: Map<string, LayerOut[]>, seconds: number) {
  const sent: Record<string, LayerSent> = {};
  for (const [rid, now] of after) {
    const then = before.get(rid) ?? [];
    const sum = (xs: LayerOut[], f: (l: LayerOut) => number) => xs.reduce((t, l) => t + f(l), 0);
    sent[rid] = {
      kbps: ((sum(now, (l) => l.bytesSent) - sum(then, (l) => l.bytesSent)) * 8) / 1000 / seconds,
      fps: (sum(now, (l) => l.framesEncoded) - sum(then, (l) => l.framesEncoded)) / now.length / seconds,
      target: sum(now, (l) => l.targetBitrate) / 1000,
      limitedBy: [...new Set(now.map((l) => l.qualityLimitationReason))].join(', '),
    };
  }
  return sent;
}

export interface ClinicOptions {
  room: MediaRoom;
  gp: BenchPage;
  participantId: string;
  feeds: string[];
  publishers: BenchPage[];
  selection: boolean;
  seconds: number;
  intervalMs: number;
}

export async function clinicRun(o: ClinicOptions): Promise<ClinicRun> {
  const ids = o.feeds.map((f) => `sub:${f}`);
  const states: FeedState[] = o.feeds.map(() => ({ layer: 2, since: 0, lastTrouble: 0 }));
  const sample = async (): Promise<Sample> => {
    const all = await o.gp.inbound();
    return { feeds: ids.map((id) => all[id] ?? { at: Date.now() }), layers: states.map((s) => s.layer) };
  };
  for (const feed of o.feeds) await subscribeWatched(o.room, o.gp, o.participantId, feed);
  // Janus starts a subscriber on the top layer; say so explicitly for the run without selection.
  if (!o.selection) for (const feed of o.feeds) await o.room.setSubstream(o.participantId, feed, 2);

  const t0 = Date.now();
  for (const state of states) state.since = state.lastTrouble = t0;
  const paths: string[][] = o.feeds.map(() => ['2@0']);
  const sentBefore = await outboundByLayer(o.publishers);
  const samples = [await sample()];
  const rounds = Math.round((o.seconds * 1000) / o.intervalMs);
  for (let round = 1; round <= rounds; round++) {
    await sleep(t0 + round * o.intervalMs - Date.now());
    const now = await sample();
    const previous = samples.at(-1);
    samples.push(now);
    if (!o.selection) continue;
    for (const [i, feed] of o.feeds.entries()) {
      const state = states[i];
      const a = now.feeds[i];
      const b = previous?.feeds[i];
      if (!state || !a?.video || !b?.video) continue;
      const lost = Math.max(0, a.video.packetsLost - b.video.packetsLost);
      const total = lost + a.video.packetsReceived - b.video.packetsReceived;
      const loss = total > 0 ? lost / total : 0;
      const fps =
        state.layer === 'audio-only'
          ? undefined
          : (a.video.framesDecoded - b.video.framesDecoded) / ((a.at - b.at) / 1000);
      if (loss > DEFAULT_POLICY.lossUp || (fps !== undefined && fps < DEFAULT_POLICY.fpsDown))
        state.lastTrouble = a.at;
      const next = chooseLayer({
        packetLoss: loss,
        framesPerSecond: fps,
        currentLayer: state.layer,
        msOnCurrentLayer: a.at - state.since,
        msSinceTrouble: a.at - state.lastTrouble,
      });
      if (next === state.layer) continue;
      state.layer = next;
      state.since = a.at;
      paths[i]?.push(`${next}@${fmt((a.at - t0) / 1000)}`);
      await o.room.applyLayer(o.participantId, feed, next);
    }
  }
  const sent = sentBetween(sentBefore, await outboundByLayer(o.publishers), (Date.now() - t0) / 1000);

  for (const id of ids) {
    await o.gp.unwatch(id);
    await o.gp.peer.close(id);
  }
  for (const feed of o.feeds) await o.room.unsubscribe(o.participantId, feed);
  return {
    selection: o.selection,
    whole: summarize(samples),
    tail: summarize(samples.slice(Math.round((samples.length * 2) / 3))),
    paths,
    sent,
  };
}

export function clinicTable(runs: ClinicRun[], feeds: string[]): string[] {
  const cell = (r: ClinicRun, f: (s: ClinicSummary) => string) => `${f(r.whole)} (${f(r.tail)})`;
  const rows: [string, (s: ClinicSummary) => string][] = [
    ['received video, kbit/s (both feeds)', (s) => fmt(s.kbps)],
    ['decoded fps per feed (mean of 2)', (s) => fmt(s.fps, 1)],
    ['freezes (freezeCount, both feeds)', (s) => fmt(s.freezes)],
    ['total freeze duration, s (both feeds)', (s) => fmt(s.freezeSeconds, 1)],
    ['2 s intervals with video forwarded but no frame decoded', (s) => `${s.stalls}/${s.intervals}`],
    ['video packet loss, %', (s) => fmt(s.loss, 1)],
    ['audio concealed samples, % of received', (s) => fmt(s.concealed, 1)],
  ];
  const head = runs.map((r) =>
    r.selection ? 'with layer selection (chooseLayer every 2 s)' : 'without (always layer 2)',
  );
  const lines = [
    `| whole run (last ${fmt(runs[0]?.tail.seconds)} s) | ${head.join(' | ')} |`,
    `|---|${runs.map(() => '--:').join('|')}|`,
  ];
  for (const [label, f] of rows) lines.push(`| ${label} | ${runs.map((r) => cell(r, f)).join(' | ')} |`);
  for (const [i, feed] of feeds.entries())
    lines.push(
      `| layers of ${feed} (layer@s) | ${runs.map((r) => (r.paths[i] ?? []).join(' → ')).join(' | ')} |`,
    );
  for (const rid of ['h', 'm', 'l'])
    lines.push(
      `| publishers sent on rid ${rid}: kbit/s (both) at fps, encoder target, limited by | ${runs
        .map((r) => {
          const l = r.sent[rid];
          return l ? `${fmt(l.kbps)} at ${fmt(l.fps)} fps, target ${fmt(l.target)}, ${l.limitedBy}` : '–';
        })
        .join(' | ')} |`,
    );
  return lines;
}
