// Which remote feeds to receive: every publisher of the room that isn't this user's own.
import type { RoomPublisher } from '@tiered-care/common';

export interface FeedDiff {
  add: RoomPublisher[];
  remove: string[];
}

/** What to subscribe to and what to drop, given the feeds held now and the room's publishers. */
export function diffFeeds(
  held: Iterable<string>,
  publishers: readonly RoomPublisher[],
  selfUserId: string,
): FeedDiff {
  const wanted = new Map(publishers.filter((p) => p.userId !== selfUserId).map((p) => [p.feedId, p]));
  const have = new Set(held);
  return {
    add: [...wanted.values()].filter((p) => !have.has(p.feedId)),
    remove: [...have].filter((id) => !wanted.has(id)),
  };
}

/** Subscription errors worth asking again for: the feed exists (the snapshot says so) but isn't up yet. */
export function isRetryableSubscribeError(code: string): boolean {
  return code === 'feed_not_ready' || code === 'unknown_feed' || code === 'timeout';
}
