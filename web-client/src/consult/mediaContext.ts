// What the publish, subscribe and statistics parts of a media session share: the room socket,
// the current ICE servers, and the session's "something changed" and "went wrong" callbacks.
import type { PeerRef, WireCandidate } from './peer';
import type { RoomSend } from './roomSocket';

export interface MediaContext {
  send: RoomSend;
  /** TURN credentials expire: read them when a connection is made, not once. */
  iceServers: () => RTCIceServer[];
  isStopped: () => boolean;
  /** Something in the snapshot changed (React re-reads it). */
  changed: () => void;
  /** Something went wrong that the user should know of (code as in the API's errors). */
  onNotice: (code: string, message: string) => void;
  /** A failed promise of a connection being set up. */
  mediaError: (err: unknown) => void;
  sendCandidate: (peer: PeerRef, candidate: WireCandidate) => void;
}
