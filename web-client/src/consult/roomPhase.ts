// Where this user stands in a consult room (idle, waiting, in the room …) and what the room's
// snapshot says about them, as plain functions the room hooks share.
import type { ConsultReplies, IceServerConfig, RoomState } from '@tiered-care/common';
import type { ReplyError } from './roomSocket';

export type Phase = 'idle' | 'joining' | 'waiting' | 'in-room' | 'replaced' | 'ended';
export type JoinSelf = ConsultReplies['consult:join']['self'];
export type ReplyProblem = ReplyError['error'];

/** The phases in which the server counts this socket as a member of the room. */
export const JOINED: readonly Phase[] = ['waiting', 'in-room'];

export const toRtc = (s: IceServerConfig): RTCIceServer => ({
  urls: s.urls,
  ...(s.username === undefined ? {} : { username: s.username }),
  ...(s.credential === undefined ? {} : { credential: s.credential }),
});

export const isPresent = (state: RoomState, userId: string) =>
  state.participants.some((p) => p.userId === userId && p.present);

/** This user's participant entry, and whether they may act as the host right now. */
export function roomRole(room: RoomState | null, self: JoinSelf | null) {
  const selfUserId = self?.userId ?? null;
  const me = room?.participants.find((p) => p.userId === selfUserId) ?? null;
  const host = self !== null && (self.role === 'host' || room?.hostUserId === self.userId);
  // A co-host admits and ends while the host is away (the server checks the same rule).
  const hostPresent = room?.participants.some((p) => p.userId === room.hostUserId && p.present) ?? false;
  const isHost = host || (me?.role === 'cohost' && !hostPresent);
  return { me, isHost };
}
