// Driving the real consult room page in Chromium and reading what a participant actually gets:
// decoded frames of each remote <video>, and getStats of every peer connection the page made
// (collected by wrapping RTCPeerConnection before the app loads; the app itself is unchanged).
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../demo';
import { waitFor as eventually, sleep } from '../wait';
import { officePage, signIn } from './launch';

/** Page-side code as a string: tsx-compiled functions carry helpers that don't exist in the page. */
const COLLECT_PCS = String.raw`
(() => {
  const Native = window.RTCPeerConnection;
  window.__pcs = [];
  window.RTCPeerConnection = function (...args) {
    const pc = new Native(...args);
    window.__pcs.push(pc);
    return pc;
  };
  window.RTCPeerConnection.prototype = Native.prototype;
  Object.setPrototypeOf(window.RTCPeerConnection, Native);
})();
`;

export interface Participant {
  username: string;
  context: BrowserContext;
  page: Page;
}

export async function openParticipant(
  browser: Browser,
  baseUrl: string,
  username: string,
): Promise<Participant> {
  const { context, page } = await officePage(browser);
  await context.addInitScript(COLLECT_PCS);
  await signIn(page, baseUrl, username, DEMO_PASSWORD);
  return { username, context, page };
}

export async function enterRoom(p: Participant, baseUrl: string, consultationId: string): Promise<void> {
  await p.page.goto(`${baseUrl}/consult/${consultationId}`);
  await p.page.getByTestId('join-consult').click();
}

export interface VideoSample {
  userId: string;
  frames: number;
  width: number;
}

export type RemoteKind = 'remote-video' | 'remote-screen';

/** Decoded frame counters of every remote camera (or screen) video element. */
export function remoteVideos(page: Page, kind: RemoteKind = 'remote-video'): Promise<VideoSample[]> {
  return page.evaluate(`[...document.querySelectorAll('[data-testid="${kind}"]')].map((v) => ({
    userId: v.dataset.userId, frames: v.getVideoPlaybackQuality().totalVideoFrames, width: v.videoWidth }))`);
}

export interface InboundSample {
  key: string;
  kind: 'audio' | 'video';
  framesDecoded: number;
  framesPerSecond: number;
  totalSamplesReceived: number;
  concealedSamples: number;
  packetsReceived: number;
  packetsLost: number;
}

/** inbound-rtp stats of every open peer connection of the page. */
export function inbound(page: Page): Promise<InboundSample[]> {
  return page.evaluate(`(async () => {
    const out = [];
    for (const [i, pc] of window.__pcs.entries()) {
      if (pc.connectionState === 'closed') continue;
      (await pc.getStats()).forEach((s) => {
        if (s.type !== 'inbound-rtp') return;
        out.push({ key: i + '/' + s.id, kind: s.kind, framesDecoded: s.framesDecoded || 0,
          framesPerSecond: s.framesPerSecond || 0, totalSamplesReceived: s.totalSamplesReceived || 0,
          concealedSamples: s.concealedSamples || 0, packetsReceived: s.packetsReceived || 0,
          packetsLost: s.packetsLost || 0 });
      });
    }
    return out;
  })()`);
}

// The polling helper (../wait.ts) under the name the consult room tests read best.
export { waitFor as eventually } from '../wait';

/**
 * Resolves once the page shows a video (camera unless `kind` says screen) of each of `userIds`
 * whose decoded frames advance by at least `minFrames` over `windowMs`, and returns the frame
 * advance per user.
 */
export async function seesVideoOf(
  page: Page,
  userIds: string[],
  opts: { within: number; windowMs?: number; minFrames?: number; kind?: RemoteKind },
): Promise<Record<string, number>> {
  const windowMs = opts.windowMs ?? 2000;
  const minFrames = opts.minFrames ?? 10;
  let seen: unknown;
  return eventually(
    `videos of ${userIds.join(', ')} advancing (last: ${JSON.stringify(seen)})`,
    opts.within,
    async () => {
      const first = await remoteVideos(page, opts.kind);
      await sleep(windowMs);
      const second = await remoteVideos(page, opts.kind);
      const advance: Record<string, number> = {};
      for (const id of userIds) {
        const a = first.find((v) => v.userId === id);
        const b = second.find((v) => v.userId === id);
        advance[id] = a && b && b.width > 0 ? b.frames - a.frames : 0;
      }
      seen = advance;
      return userIds.every((id) => (advance[id] ?? 0) >= minFrames) ? advance : undefined;
    },
  );
}

/** Audio streams whose received samples grow over `windowMs`, with their concealment ratio. */
export async function audioOver(
  page: Page,
  windowMs: number,
): Promise<{ key: string; samples: number; concealed: number }[]> {
  const first = await inbound(page);
  await sleep(windowMs);
  const second = await inbound(page);
  return second
    .filter((s) => s.kind === 'audio')
    .map((s) => {
      const before = first.find((f) => f.key === s.key);
      return {
        key: s.key,
        samples: s.totalSamplesReceived - (before?.totalSamplesReceived ?? 0),
        concealed: s.concealedSamples - (before?.concealedSamples ?? 0),
      };
    })
    .filter((a) => a.samples > 0);
}
