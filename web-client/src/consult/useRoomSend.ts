// Requests to one consult room over the app's socket, stamped with the consultation's id. The
// socket is read at send time: the one of the render that made `send` may have been replaced.
import type { ConsultReply, ConsultRequest, ConsultRequestName } from '@tiered-care/common';
import { useEffect, useMemo, useRef } from 'react';
import type { useLive } from '../api/live';
import { failure, request, type RoomPayload, type RoomSend } from './roomSocket';

type LiveSocket = ReturnType<typeof useLive>['socket'];

export function useRoomSend(socket: LiveSocket, consultationId: string) {
  const socketRef = useRef(socket);
  useEffect(() => {
    socketRef.current = socket;
  }, [socket]);

  const send: RoomSend = useMemo(
    () =>
      <N extends ConsultRequestName>(name: N, payload: RoomPayload<N>): Promise<ConsultReply<N>> => {
        const s = socketRef.current;
        if (!s) return Promise.resolve(failure('disconnected', 'no socket') as ConsultReply<N>);
        return request(s, name, { ...payload, consultationId } as ConsultRequest<N>);
      },
    [consultationId],
  );
  return { send, socketRef };
}
