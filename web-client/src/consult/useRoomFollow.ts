// What the server pushes about a room this user has joined: new snapshots (and being let in from
// the waiting area), media to rebuild, another tab taking over, being removed.
import type { RoomState } from '@tiered-care/common';
import type { RefObject } from 'react';
import { JOINED, isPresent, type JoinSelf, type Phase } from './roomPhase';
import { useRoomEvent } from './useRoomEvent';

interface FollowOptions {
  consultationId: string;
  phaseRef: RefObject<Phase>;
  selfRef: RefObject<JoinSelf | null>;
  go: (next: Phase) => void;
  setRoom: (state: RoomState) => void;
  /** The media server lost this user's connections: build them again. */
  renegotiate: () => void;
}

export function useRoomFollow({
  consultationId,
  phaseRef,
  selfRef,
  go,
  setRoom,
  renegotiate,
}: FollowOptions): void {
  useRoomEvent('consult:state', (state) => {
    if (state.consultationId !== consultationId || !JOINED.includes(phaseRef.current)) return;
    setRoom(state);
    const me = selfRef.current;
    if (state.status === 'ended') go('ended');
    else if (phaseRef.current === 'waiting' && me && isPresent(state, me.userId)) go('in-room');
  });

  useRoomEvent('media:renegotiate', (e) => {
    if (e.consultationId === consultationId && phaseRef.current === 'in-room') renegotiate();
  });

  useRoomEvent('consult:replaced', (e) => {
    if (e.consultationId === consultationId && JOINED.includes(phaseRef.current)) go('replaced');
  });

  // Removed by the host: the session is over for this user.
  useRoomEvent('consult:removed', (e) => {
    if (e.consultationId === consultationId) go('ended');
  });
}
