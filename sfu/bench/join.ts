// Part 1: how long a joining subscriber waits for the first remote frame. Each join is a fresh
// peer connection (room.subscribe → answer → room.startSubscription, trickled candidates), timed
// from the moment the join starts until the page decodes (getStats) and shows
// (requestVideoFrameCallback) the first frame.
import type { MediaRoom } from '../src/mediaRoom';
import { sleep, waitFor } from '@tiered-care/testkit';
import { fmt, percentile } from './measure';
import type { BenchPage } from './page';

export interface JoinResult {
  joins: number;
  warmup: number;
  /** ms from the start of the join, per step, one entry per join. */
  offer: number[];
  started: number[];
  connected: number[];
  decoded: number[];
  rendered: number[];
}

export async function measureJoins(
  room: MediaRoom,
  viewer: BenchPage,
  participantId: string,
  feedId: string,
  joins: number,
  warmup: number,
): Promise<JoinResult> {
  const result: JoinResult = {
    joins,
    warmup,
    offer: [],
    started: [],
    connected: [],
    decoded: [],
    rendered: [],
  };
  const id = `sub:${feedId}`;
  for (let i = 0; i < warmup + joins; i++) {
    const start = Date.now();
    const { offer } = await room.subscribe(participantId, feedId);
    const offered = Date.now();
    const answer = await viewer.answerAndWatch(id, offer);
    await room.startSubscription(participantId, feedId, answer);
    const started = Date.now();
    const marks = await waitFor(`first frame of join ${i}`, 15_000, async () => {
      const m = await viewer.join(id);
      return m?.decoded !== undefined && m.rendered !== undefined && m.connected !== undefined
        ? m
        : undefined;
    });
    if (i >= warmup) {
      result.offer.push(offered - start);
      result.started.push(started - start);
      result.connected.push((marks.connected ?? Number.NaN) - start);
      result.decoded.push((marks.decoded ?? Number.NaN) - start);
      result.rendered.push((marks.rendered ?? Number.NaN) - start);
    }
    // Leave completely before the next join, so each one starts from nothing.
    await viewer.unwatch(id);
    await viewer.peer.close(id);
    await room.unsubscribe(participantId, feedId);
    await sleep(500);
  }
  return result;
}

export function joinTable(r: JoinResult): string[] {
  const row = (label: string, xs: number[]) =>
    `| ${label} | ${fmt(percentile(xs, 50))} | ${fmt(percentile(xs, 95))} | ${fmt(Math.max(...xs))} |`;
  return [
    `| from the start of the join to… (${r.joins} joins, ms) | p50 | p95 | max |`,
    '|---|--:|--:|--:|',
    row('Janus offer received (room.subscribe)', r.offer),
    row('answer sent (page answer + room.startSubscription)', r.started),
    row('peer connection connected (ICE + DTLS)', r.connected),
    row('**first frame decoded** (getStats framesDecoded > 0, 20 ms poll)', r.decoded),
    row('**first frame shown** (requestVideoFrameCallback)', r.rendered),
  ];
}
