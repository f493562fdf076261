import type { ConsultServerEvents } from '@tiered-care/common';
import { useEffect, useRef } from 'react';
import { useLive } from '../api/live';
import { onRoomEvent, type RoomEventPayload } from './roomSocket';

/** Calls `handler` for every server event of this name while the component is mounted. */
export function useRoomEvent<E extends keyof ConsultServerEvents>(
  event: E,
  handler: (payload: RoomEventPayload<E>) => void,
): void {
  const { socket } = useLive();
  const ref = useRef(handler);
  useEffect(() => {
    ref.current = handler;
  });
  useEffect(() => {
    if (!socket) return;
    return onRoomEvent(socket, event, (payload) => ref.current(payload));
  }, [socket, event]);
}
