// The chat transcript: history from the API and live events merged into one list, oldest first.
// Both sources can carry the same message (an event that arrives while the history loads, or the
// catch-up after a reconnect), so the id decides.
import type { ChatLine } from '@tiered-care/common';

export function mergeMessages(list: readonly ChatLine[], incoming: readonly ChatLine[]): ChatLine[] {
  if (incoming.length === 0) return list as ChatLine[];
  const byId = new Map(list.map((m) => [m.id, m]));
  for (const m of incoming) byId.set(m.id, m);
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

/** The newest id held: the history is asked for what came after it. */
export function lastMessageId(list: readonly ChatLine[]): number {
  return list.reduce((max, m) => Math.max(max, m.id), 0);
}
