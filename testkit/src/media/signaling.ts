// Test-side signaling: the test process carries SDP and candidates between Chromium pages and the
// room, exactly the calls the socket.io server will make.
import type { MediaRoom, PeerRef, Source } from '@tiered-care/sfu';
import type { BrowserContext } from 'playwright-core';
import { sleep, waitFor } from '../wait';
import { PeerPage, type InboundStats } from './peerPage';

const subId = (feedId: string) => `sub:${feedId}`;

/** A participant's page: pc ids are 'camera', 'screen' or 'sub:<feedId>'. */
export async function participantPage(
  context: BrowserContext,
  room: () => MediaRoom,
  participantId: string,
): Promise<PeerPage> {
  return PeerPage.open(context, (id, candidate) => {
    const peer: PeerRef = id.startsWith('sub:') ? { subscription: id.slice(4) } : { publisher: id as Source };
    // Candidates of a peer connection closed by a rebuild may still trickle in: ignore those.
    room()
      .trickle(participantId, peer, candidate)
      .catch(() => undefined);
  });
}

export async function publishCamera(room: MediaRoom, page: PeerPage, participantId: string): Promise<string> {
  const offer = await page.publish('camera', { width: 1280, height: 720, simulcast: true });
  const { feedId, answer } = await room.publish(participantId, 'camera', offer);
  await page.accept('camera', answer);
  return feedId;
}

export async function subscribeTo(room: MediaRoom, page: PeerPage, participantId: string, feedId: string) {
  const { offer } = await room.subscribe(participantId, feedId);
  const answer = await page.answer(subId(feedId), offer);
  await room.startSubscription(participantId, feedId, answer);
}

export const subscriptionStats = (page: PeerPage, feedId: string): Promise<InboundStats> =>
  page.stats(subId(feedId));

export const closeSubscription = (page: PeerPage, feedId: string): Promise<void> => page.close(subId(feedId));

/** Waits until video frames are being decoded, then measures progress over `windowMs`. */
export async function decodedOver(page: PeerPage, feedId: string, windowMs: number, withinMs = 15_000) {
  const first = await waitFor('decoded video frames', withinMs, async () => {
    const s = await subscriptionStats(page, feedId);
    return s.video && s.video.framesDecoded > 0 ? s : undefined;
  });
  await sleep(windowMs);
  const second = await subscriptionStats(page, feedId);
  return { first, second };
}
