// The room's chat: the history from the API, then live `chat:message` events; after every
// re-join, what was said while this socket was away.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api/client';
import type { ChatLine } from '@tiered-care/common';
import { lastMessageId, mergeMessages } from './chat';
import { isFailure, type ReplyError, type RoomSend } from './roomSocket';
import { useRoomEvent } from './useRoomEvent';

const PAGE = 500;
const MAX_PAGES = 10;

async function loadAfter(consultationId: string, after: number, signal: AbortSignal): Promise<ChatLine[]> {
  const out: ChatLine[] = [];
  let from = after;
  for (let page = 0; page < MAX_PAGES; page++) {
    const batch = await api<ChatLine[]>(
      'GET',
      `/api/consultations/${consultationId}/messages?after=${from}&limit=${PAGE}`,
      { signal },
    );
    out.push(...batch);
    if (batch.length < PAGE) break;
    from = lastMessageId(batch);
  }
  return out;
}

export function useChat(consultationId: string, send: RoomSend, joinEpoch: number) {
  const [messages, setMessages] = useState<ChatLine[]>([]);
  const [loadError, setLoadError] = useState<unknown>(null);
  const newest = useRef(0);
  useEffect(() => {
    newest.current = lastMessageId(messages);
  }, [messages]);

  useRoomEvent('chat:message', (m) => {
    if (m.consultationId === consultationId) setMessages((list) => mergeMessages(list, [m]));
  });

  useEffect(() => {
    const controller = new AbortController();
    loadAfter(consultationId, newest.current, controller.signal).then(
      (batch) => {
        setLoadError(null);
        setMessages((list) => mergeMessages(list, batch));
      },
      (err: unknown) => {
        if (!controller.signal.aborted) setLoadError(err);
      },
    );
    return () => controller.abort();
  }, [consultationId, joinEpoch]);

  /** Sends one message; it shows when the server's `chat:message` comes back to everyone. */
  const post = useCallback(
    async (text: string): Promise<ReplyError | null> => {
      const r = await send('chat:send', { text });
      return isFailure(r) ? r : null;
    },
    [send],
  );

  return { messages, loadError, post };
}
