// Part 2: Janus CPU per forwarded video stream. Two publishers; subscriber peer connections are
// added four at a time (each viewer page subscribes to both feeds) and Janus's utime+stime is read
// over a fixed window at each count, until the subscribers' decoding falls behind or Janus and
// Chromium fill the cores: Chromium decoding every stream shares the same two cores as Janus.
import type { BrowserContext } from 'playwright-core';
import type { MediaRoom } from '../src/mediaRoom';
import { sleep } from '@tiered-care/testkit';
import { participantPage, subscribeTo } from '@tiered-care/testkit/media';
import { cpuWindow, fmt, type CpuUse } from './measure';
import { BenchPage, type Inbound } from './page';

export interface CpuRow {
  subscribers: number;
  cpu: CpuUse;
  /** Decoded frames per second, mean and lowest over the subscriptions. */
  fps: number;
  minFps: number;
  /** Received video kbit/s per subscription (mean). */
  kbps: number;
}

export interface CpuOptions {
  room: MediaRoom;
  janusPid: () => number;
  context: BrowserContext;
  feeds: [string, string];
  step: number;
  maxSubscribers: number;
  windowMs: number;
  settleMs: number;
  /** Stop once the mean decode rate falls below this. */
  minFps: number;
  /** …or Janus, Chromium and the bench together use more than this share of all cores (%). */
  maxShare: number;
}

async function inboundAll(pages: BenchPage[]): Promise<Map<string, Inbound>> {
  const all = new Map<string, Inbound>();
  for (const [i, page] of pages.entries())
    for (const [id, s] of Object.entries(await page.inbound())) if (s) all.set(`${i}/${id}`, s);
  return all;
}

export async function measureCpu(o: CpuOptions): Promise<{ rows: CpuRow[]; stopped: string }> {
  const rows: CpuRow[] = [];
  const pages: BenchPage[] = [];
  let stopped = `reached the bench's cap of ${o.maxSubscribers} subscriptions`;
  try {
    for (let n = 0; n <= o.maxSubscribers; n += o.step) {
      while (pages.length * 2 < n) {
        const viewer = `viewer-${pages.length}`;
        const page = await BenchPage.wrap(await participantPage(o.context, () => o.room, viewer));
        pages.push(page);
        for (const feed of o.feeds) await subscribeTo(o.room, page.peer, viewer, feed);
      }
      await sleep(o.settleMs);
      const before = await inboundAll(pages);
      const end = cpuWindow(o.janusPid());
      await sleep(o.windowMs);
      const cpu = end();
      const after = await inboundAll(pages);
      const fps: number[] = [];
      const kbps: number[] = [];
      for (const [key, b] of before) {
        const a = after.get(key);
        if (!a?.video || !b.video) continue;
        const seconds = (a.at - b.at) / 1000;
        fps.push((a.video.framesDecoded - b.video.framesDecoded) / seconds);
        kbps.push(((a.video.bytesReceived - b.video.bytesReceived) * 8) / 1000 / seconds);
      }
      const mean = (xs: number[]) => (xs.length ? xs.reduce((x, y) => x + y, 0) / xs.length : Number.NaN);
      const row = { subscribers: n, cpu, fps: mean(fps), minFps: Math.min(...fps), kbps: mean(kbps) };
      rows.push(row);
      console.log(`cpu: ${JSON.stringify(row)}`);
      if (n > 0 && row.fps < o.minFps) {
        stopped = `mean decode rate fell to ${fmt(row.fps, 1)} fps at ${n} subscriptions`;
        break;
      }
      if (n > 0 && cpu.ours > (o.maxShare / 100) * cpu.capacity) {
        stopped = `Janus, Chromium and the bench used ${fmt(cpu.ours)} % of ${cpu.capacity} % at ${n} subscriptions`;
        break;
      }
    }
  } finally {
    for (const [i, page] of pages.entries()) {
      await o.room.leave(`viewer-${i}`).catch(() => undefined);
      await page.peer.page.close().catch(() => undefined);
    }
  }
  return { rows, stopped };
}

export function cpuTable(rows: CpuRow[]): string[] {
  const base = rows.find((r) => r.subscribers === 0)?.cpu.janus ?? 0;
  const lines = [
    '| subscriptions (forwarded video streams) | Janus CPU % | Janus % per stream | Janus % per stream above 0 subscribers | Chromium CPU % (2 publishers + viewers) | other processes on the machine, CPU % | decoded fps mean / min | kbit/s per stream |',
    '|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const r of rows) {
    const n = r.subscribers;
    lines.push(
      `| ${n} | ${fmt(r.cpu.janus, 1)} | ${n ? fmt(r.cpu.janus / n, 2) : '–'} | ${n ? fmt((r.cpu.janus - base) / n, 2) : '–'} | ${fmt(r.cpu.chromium)} | ${fmt(r.cpu.others)} | ${n ? `${fmt(r.fps, 1)} / ${fmt(r.minFps, 1)}` : '–'} | ${n ? fmt(r.kbps) : '–'} |`,
    );
  }
  return lines;
}
