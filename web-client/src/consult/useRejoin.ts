// After a reconnect the server knows this socket as new: join again (the protocol asks for it
// after every reconnect), which also brings a fresh snapshot and fresh TURN credentials.
import type { ConsultReplies } from '@tiered-care/common';
import { useCallback, useEffect, useRef, type RefObject } from 'react';
import type { useLive } from '../api/live';
import { JOINED, type Phase, type ReplyProblem } from './roomPhase';
import { isFailure, type RoomSend } from './roomSocket';

const REJOIN_RETRY_MS = 3_000;

interface RejoinOptions {
  socket: ReturnType<typeof useLive>['socket'];
  send: RoomSend;
  phaseRef: RefObject<Phase>;
  applyJoin: (r: ConsultReplies['consult:join']) => void;
  go: (next: Phase) => void;
  showNotice: (problem: ReplyProblem) => void;
}

export function useRejoin({ socket, send, phaseRef, applyJoin, go, showNotice }: RejoinOptions): void {
  const rejoinTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const rejoin = useCallback(async () => {
    if (rejoinTimer.current !== null) clearTimeout(rejoinTimer.current);
    rejoinTimer.current = null;
    const r = await send('consult:join', {});
    if (!JOINED.includes(phaseRef.current)) return;
    if (!isFailure(r)) {
      applyJoin(r);
    } else if (r.error.code === 'consultation_ended') {
      go('ended');
    } else if (r.error.code !== 'disconnected') {
      // A slow server: try again; a drop of the socket brings its own 'connect' later.
      showNotice(r.error);
      rejoinTimer.current = setTimeout(() => void rejoin(), REJOIN_RETRY_MS);
    }
  }, [send, applyJoin, go, showNotice, phaseRef]);

  useEffect(() => {
    if (!socket) return;
    const onConnect = () => {
      if (JOINED.includes(phaseRef.current)) void rejoin();
    };
    socket.on('connect', onConnect);
    return () => {
      socket.off('connect', onConnect);
      if (rejoinTimer.current !== null) clearTimeout(rejoinTimer.current);
    };
  }, [socket, rejoin, phaseRef]);
}
