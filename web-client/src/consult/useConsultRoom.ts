// The signaling side of one consult room: joining (and the waiting area), the room snapshot,
// re-joining after the socket comes back, and the requests of the room's buttons. Media lives in
// MediaSession (useMediaSession); this hook only says when it must start over (`mediaEpoch`).
import type {
  ConsultReplies,
  ConsultReply,
  ConsultRequest,
  ConsultRequestName,
  IceServerConfig,
  RoomState,
} from '@tiered-care/common';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useLive } from '../api/live';
import {
  DEFAULT_TIMEOUT_MS,
  failure,
  isFailure,
  request,
  whenConnected,
  type ReplyError,
  type RoomPayload,
  type RoomSend,
} from './roomSocket';
import { useRoomEvent } from './useRoomEvent';

export type Phase = 'idle' | 'joining' | 'waiting' | 'in-room' | 'replaced' | 'ended';
export type JoinSelf = ConsultReplies['consult:join']['self'];
export type ReplyProblem = ReplyError['error'];

export interface Notice extends ReplyProblem {
  /** Tells two notices with the same code apart, so the newer one shows again. */
  id: number;
}

const JOINED: readonly Phase[] = ['waiting', 'in-room'];
const REJOIN_RETRY_MS = 3_000;

const toRtc = (s: IceServerConfig): RTCIceServer => ({
  urls: s.urls,
  ...(s.username === undefined ? {} : { username: s.username }),
  ...(s.credential === undefined ? {} : { credential: s.credential }),
});

const isPresent = (state: RoomState, userId: string) =>
  state.participants.some((p) => p.userId === userId && p.present);

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
  const socketRef = useRef(socket);
  useEffect(() => {
    socketRef.current = socket;
  }, [socket]);

  const go = useCallback((next: Phase) => {
    phaseRef.current = next;
    setPhase(next);
  }, []);

  const send: RoomSend = useMemo(
    () =>
      <N extends ConsultRequestName>(name: N, payload: RoomPayload<N>): Promise<ConsultReply<N>> => {
        const s = socketRef.current;
        if (!s) return Promise.resolve(failure('disconnected', 'no socket') as ConsultReply<N>);
        return request(s, name, { ...payload, consultationId } as ConsultRequest<N>);
      },
    [consultationId],
  );

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
  }, [send, go, applyJoin]);

  // After a reconnect the server knows this socket as new: join again (the protocol asks for it
  // after every reconnect), which also brings a fresh snapshot and fresh TURN credentials.
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
  }, [send, applyJoin, go, showNotice]);

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
  }, [socket, rejoin]);

  useRoomEvent('consult:state', (state) => {
    if (state.consultationId !== consultationId || !JOINED.includes(phaseRef.current)) return;
    setRoom(state);
    const me = selfRef.current;
    if (state.status === 'ended') go('ended');
    else if (phaseRef.current === 'waiting' && me && isPresent(state, me.userId)) go('in-room');
  });

  useRoomEvent('media:renegotiate', (e) => {
    if (e.consultationId === consultationId && phaseRef.current === 'in-room')
      setRenegotiations((n) => n + 1);
  });

  useRoomEvent('consult:replaced', (e) => {
    if (e.consultationId === consultationId && JOINED.includes(phaseRef.current)) go('replaced');
  });

  // Removed by the host: the session is over for this user.
  useRoomEvent('consult:removed', (e) => {
    if (e.consultationId === consultationId) go('ended');
  });

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

  const selfUserId = self?.userId ?? null;
  const me = room?.participants.find((p) => p.userId === selfUserId) ?? null;
  const host = self !== null && (self.role === 'host' || room?.hostUserId === self.userId);
  // A co-host admits and ends while the host is away (the server checks the same rule).
  const hostPresent = room?.participants.some((p) => p.userId === room.hostUserId && p.present) ?? false;
  const isHost = host || (me?.role === 'cohost' && !hostPresent);

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
