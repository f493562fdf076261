// Turns Janus's raw .mjr recordings into files a browser plays. janus-pp-rec (Debian janus-tools)
// writes one container per stream: VP8 → .webm, Opus → .opus. With Debian's ffmpeg installed the
// two are muxed into one .webm (stream copy, no re-encoding); without it both files are kept.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { oggOpusDuration, webmDuration } from './mediaDuration';

const run = promisify(execFile);

export interface ProcessedRecording {
  /** Recording base name: `<consult>-<participant>_<source>-<start ms>`. */
  base: string;
  /** Playable outputs: one merged .webm, or a video .webm and/or an audio .opus. */
  files: string[];
  merged: boolean;
  durationSeconds: number;
}

export interface PostProcessOptions {
  ppRec?: string;
  /** ffmpeg binary; null = don't merge. Default: /usr/bin/ffmpeg when it exists. */
  ffmpeg?: string | null;
}

const MJR = /^(.*)-(audio|video)-\d+\.mjr$/;

/** First-packet time (µs) from the .mjr header, to line audio and video up when merging. */
async function firstPacketMicros(ppRec: string, mjr: string): Promise<number> {
  const { stdout } = await run(ppRec, ['--json', mjr], { timeout: 30_000 });
  const header = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { u?: number; s?: number };
  return header.u ?? header.s ?? 0;
}

async function convert(ppRec: string, mjr: string, out: string): Promise<void> {
  await run(ppRec, ['--debug-level', '2', mjr, out], { timeout: 10 * 60_000 });
  if (!existsSync(out)) throw new Error(`janus-pp-rec produced no ${out}`);
}

async function merge(ffmpeg: string, video: string, audio: string, delays: [number, number], out: string) {
  // -itsoffset shifts the stream whose first packet came later, so lips match voice.
  const input = (delay: number, file: string) =>
    (delay > 0 ? ['-itsoffset', delay.toFixed(3)] : []).concat('-i', file);
  await run(
    ffmpeg,
    ['-y', '-loglevel', 'error', ...input(delays[0], video), ...input(delays[1], audio)].concat([
      '-map',
      '0:v',
      '-map',
      '1:a',
      '-c',
      'copy',
      out,
    ]),
    { timeout: 10 * 60_000 },
  );
}

/** Converts (and, with ffmpeg, merges) each participant's .mjr files into `outDir`. */
export async function postProcess(
  mjrFiles: string[],
  outDir: string,
  options: PostProcessOptions = {},
): Promise<ProcessedRecording[]> {
  const ppRec = options.ppRec ?? 'janus-pp-rec';
  const ffmpeg =
    options.ffmpeg === undefined
      ? existsSync('/usr/bin/ffmpeg')
        ? '/usr/bin/ffmpeg'
        : null
      : options.ffmpeg;
  mkdirSync(outDir, { recursive: true });

  const groups = new Map<string, { audio?: string; video?: string }>();
  for (const file of mjrFiles) {
    const m = MJR.exec(basename(file));
    if (!m?.[1]) throw new Error(`not a VideoRoom recording: ${file}`);
    const group = groups.get(m[1]) ?? {};
    // One file per kind: a publisher renegotiating mid-recording is a new base (new start time).
    group[m[2] as 'audio' | 'video'] = file;
    groups.set(m[1], group);
  }

  const results: ProcessedRecording[] = [];
  for (const [base, { audio, video }] of groups) {
    const videoOut = join(outDir, `${base}.video.webm`);
    const audioOut = join(outDir, `${base}.opus`);
    if (video) await convert(ppRec, video, videoOut);
    if (audio) await convert(ppRec, audio, audioOut);
    const durations = [video ? webmDuration(videoOut) : 0, audio ? oggOpusDuration(audioOut) : 0];

    if (ffmpeg && video && audio) {
      const [v, a] = [await firstPacketMicros(ppRec, video), await firstPacketMicros(ppRec, audio)];
      const start = Math.min(v, a);
      const merged = join(outDir, `${base}.webm`);
      await merge(ffmpeg, videoOut, audioOut, [(v - start) / 1e6, (a - start) / 1e6], merged);
      rmSync(videoOut);
      rmSync(audioOut);
      results.push({ base, files: [merged], merged: true, durationSeconds: webmDuration(merged) });
      continue;
    }
    const files = [video ? videoOut : undefined, audio ? audioOut : undefined].filter((f) => f !== undefined);
    results.push({ base, files, merged: false, durationSeconds: Math.max(...durations) });
  }
  return results;
}
