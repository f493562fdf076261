// The signaling side of one consult room: joining (and the waiting area), the room snapshot,
// re-joining after the socket comes back (useRejoin), following the server's pushes
// (useRoomFollow), and the requests of the room's buttons. Media lives in MediaSession
// (useMediaSession); this hook only says when it must start over (`mediaEpoch`).
import type { ConsultReplies, ConsultRequestName, RoomState } from '@tiered-care/common';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useLive } from '../api/live';
import {
  JOINED,
  isPresent,
  roomRole,
  toRtc,
  type JoinSelf,
  type Phase,
  type ReplyProblem,
} from './roomPhase';
import { DEFAULT_TIMEOUT_MS, isFailure, whenConnected, type RoomPayload } from './roomSocket';
import { useRejoin } from './useRejoin';
import { useRoomFollow } from './useRoomFollow';
import { useRoomSend } from './useRoomSend';

export type { JoinSelf, Phase, ReplyProblem } from './roomPhase';

export interface Notice extends ReplyProblem {
  /** Tells two notices with the same code apart, so the newer one shows again. */
  id: number;
}

export function useConsultRoom(consultationId: string) {
  const { socket, connected } = useLive();
  const [phase, setPhase] = useState<Phase>('idle');
  const [room, setRoom] = useState<RoomState | null>(null);
  const [self, setSelf] = useState<JoinSelf | null>(null);
  const [iceServers, setIceServers] = useState<RTCIceServer[]>([]);
  const [joinError, setJoinError] = useState<ReplyProblem | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  /** Counts successful (re-)joins: after the first, each one means the server lost our media. */
  const [joinEpoch, setJoinEpoch] = useState(0);
  const [renegotiations, setRenegotiations] = useState(0);

  // Socket handlers and async replies read the latest values, not those of the render they saw.
  const phaseRef = useRef<Phase>('idle');
  const selfRef = useRef<JoinSelf | null>(null);
  const { send, socketRef } = useRoomSend(socket, consultationId);

  const go = useCallback((next: Phase) => {
    phaseRef.current = next;
    setPhase(next);
  }, []);

  const showNotice = useCallback((problem: ReplyProblem) => {
    setNotice({ code: problem.code, message: problem.message, id: Date.now() });
  }, []);

  const applyJoin = useCallback(
    (r: ConsultReplies['consult:join']) => {
      selfRef.current = r.self;
      setSelf(r.self);
      setRoom(r.state);
      setIceServers(r.iceServers.map(toRtc));
      setJoinEpoch((n) => n + 1);
      if (r.state.status === 'ended') go('ended');
      else go(r.self.admitted || isPresent(r.state, r.self.userId) ? 'in-room' : 'waiting');
    },
    [go],
  );

  const join = useCallback(async () => {
    setJoinError(null);
    go('joining');
    // A click right after the page opened may come before the app's socket has connected.
    const s = socketRef.current;
    if (s) await whenConnected(s, DEFAULT_TIMEOUT_MS);
    const r = await send('consult:join', {});
    if (phaseRef.current !== 'joining') return;
    if (isFailure(r)) {
      setJoinError(r.error);
      go(r.error.code === 'consultation_ended' ? 'ended' : 'idle');
      return;
    }
    applyJoin(r);
  }, [send, go, applyJoin, socketRef]);

  useRejoin({ socket, send, phaseRef, applyJoin, go, showNotice });

  const renegotiate = useCallback(() => setRenegotiations((n) => n + 1), []);
  useRoomFollow({ consultationId, phaseRef, selfRef, go, setRoom, renegotiate });

  const leave = useCallback(() => {
    const was = phaseRef.current;
    go('idle');
    setRoom(null);
    if (JOINED.includes(was) || was === 'joining') void send('consult:leave', {});
  }, [send, go]);

  // Navigating away from the room is leaving it.
  useEffect(
    () => () => {
      if (JOINED.includes(phaseRef.current)) void send('consult:leave', {});
    },
    [send],
  );

  /** A request from one of the room's buttons; a refusal shows as a notice. */
  const act = useCallback(
    async <N extends ConsultRequestName>(name: N, payload: RoomPayload<N>): Promise<boolean> => {
      const r = await send(name, payload);
      if (isFailure(r)) {
        showNotice(r.error);
        return false;
      }
      return true;
    },
    [send, showNotice],
  );

  const end = useCallback(async () => {
    if (await act('consult:end', {})) go('ended');
  }, [act, go]);

  const { me, isHost } = roomRole(room, self);

  return {
    phase,
    room,
    self,
    me,
    isHost,
    iceServers,
    connected,
    joinError,
    notice,
    dismissNotice: () => setNotice(null),
    showNotice,
    joinEpoch,
    /** Changes whenever every peer connection must be built again. */
    mediaEpoch: joinEpoch + renegotiations,
    send,
    act,
    join,
    leave,
    end,
  };
}

export type ConsultRoom = ReturnType<typeof useConsultRoom>;
