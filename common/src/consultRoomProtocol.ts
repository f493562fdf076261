// The consult room protocol over socket.io, shared by signaling and the web client. Every request
// from a browser carries the consultation id and is answered through the socket.io acknowledgement
// with `{ ok: true, ... }` or `{ error: { code, message } }` (the API's one error shape). The
// server pushes whole room snapshots (`consult:state`) rather than deltas: rooms hold a handful of
// people, and a snapshot can't drift after a missed message or a reconnect.
import type { ConsultationStatus, ParticipantRole } from './consultations';
import { z } from 'zod';
import type { ApiError } from './errors';
import { Uuid } from './ids';

export const MediaSource = z.enum(['camera', 'screen']);
export type MediaSource = z.infer<typeof MediaSource>;

const Sdp = z.strictObject({
  type: z.enum(['offer', 'answer']),
  sdp: z.string().min(1).max(64_000),
});
export type Sdp = z.infer<typeof Sdp>;

const Candidate = z
  .strictObject({
    candidate: z.string().max(1000),
    sdpMid: z.string().max(64).nullish(),
    sdpMLineIndex: z.number().int().min(0).max(64).nullish(),
    usernameFragment: z.string().max(256).nullish(),
  })
  .nullable();

/** Janus feed ids: `<userId>:<source>`. */
const FeedId = z.string().regex(/^[0-9a-f-]{36}:(camera|screen)$/);

/** Which of the sender's peer connections a candidate belongs to. */
const PeerRef = z.union([
  z.strictObject({ publisher: MediaSource }),
  z.strictObject({ subscription: FeedId }),
]);

const Room = { consultationId: Uuid };

/** Client → server requests, by event name. */
export const ConsultRequests = {
  /** Enter the room (or the waiting area until the host admits). Repeat after every reconnect. */
  'consult:join': z.strictObject(Room),
  'consult:leave': z.strictObject(Room),
  /** Host only: let a waiting participant in. */
  'consult:admit': z.strictObject({ ...Room, userId: Uuid }),
  'consult:hand': z.strictObject({ ...Room, raised: z.boolean() }),
  /** What the sender is sending, for the others' mute and camera-off marks. */
  'consult:media-state': z.strictObject({ ...Room, audio: z.boolean(), video: z.boolean() }),
  /** Host only: end the consultation for everyone. */
  'consult:end': z.strictObject(Room),
  'chat:send': z.strictObject({ ...Room, text: z.string().trim().min(1).max(2000) }),
  /** Offer of a sendonly peer connection; the answer comes back in the acknowledgement. */
  'media:publish': z.strictObject({ ...Room, source: MediaSource, offer: Sdp }),
  'media:unpublish': z.strictObject({ ...Room, source: MediaSource }),
  /** Asks to receive a feed; the acknowledgement carries Janus's offer. */
  'media:subscribe': z.strictObject({ ...Room, feedId: FeedId }),
  'media:answer': z.strictObject({ ...Room, feedId: FeedId, answer: Sdp }),
  'media:unsubscribe': z.strictObject({ ...Room, feedId: FeedId }),
  'media:candidate': z.strictObject({ ...Room, peer: PeerRef, candidate: Candidate }),
  /**
   * The receiver's own statistics per subscription over the last window (about 2 s): the server
   * picks the simulcast layer each one can carry and derives the connection quality shown to all.
   */
  'media:stats': z.strictObject({
    ...Room,
    feeds: z
      .array(
        z.strictObject({
          feedId: FeedId,
          packetsReceived: z.number().int().min(0),
          packetsLost: z.number().int().min(0),
          framesPerSecond: z.number().min(0).max(240).optional(),
        }),
      )
      .max(24),
    /** Round-trip time of the sender's publishing connection, seconds. */
    rtt: z.number().min(0).max(60).optional(),
  }),
  /** Ask everyone to consent and, once all have, start recording. */
  'recording:start': z.strictObject(Room),
  'recording:stop': z.strictObject(Room),
  'recording:consent': z.strictObject({ ...Room, consent: z.boolean() }),
  /**
   * Presenter only: the shared viewer's state, mirrored to everyone else. `null` closes the viewer
   * for everyone and gives up the presenter's role, so the next to open a study presents.
   */
  'viewer:state': z.strictObject({ ...Room, view: z.lazy(() => SharedView.nullable()) }),
  /** Anyone: become the presenter of the shared viewer. */
  'viewer:take-control': z.strictObject(Room),
} as const;
export type ConsultRequestName = keyof typeof ConsultRequests;
export type ConsultRequest<N extends ConsultRequestName> = z.infer<(typeof ConsultRequests)[N]>;

/**
 * The shared viewer: which study is open and the viewer's own state (image stack or ECG), opaque
 * to signaling; the web client owns those shapes. Size-limited so a client can't flood the room.
 */
export const SharedView = z
  .strictObject({
    studyUid: z
      .string()
      .regex(/^[0-9]+(\.[0-9]+)*$/)
      .max(64),
    seriesUid: z
      .string()
      .regex(/^[0-9]+(\.[0-9]+)*$/)
      .max(64)
      .nullable(),
    kind: z.enum(['image', 'ecg']),
    state: z.record(z.string(), z.unknown()),
  })
  .refine((v) => JSON.stringify(v.state).length <= 32_000, 'viewer state too large');
export type SharedView = z.infer<typeof SharedView>;

export type ConnectionQuality = 'good' | 'fair' | 'poor' | 'unknown';

export interface RoomParticipant {
  userId: string;
  displayName: string;
  institutionName: string | null;
  role: ParticipantRole;
  /** In the room (admitted and connected). */
  present: boolean;
  /** Connected but waiting for the host. */
  waiting: boolean;
  handRaised: boolean;
  audio: boolean;
  video: boolean;
  quality: ConnectionQuality;
  recordingConsent: boolean;
}

export interface RoomPublisher {
  feedId: string;
  userId: string;
  source: MediaSource;
}

export interface RoomState {
  consultationId: string;
  title: string;
  status: ConsultationStatus;
  hostUserId: string;
  participants: RoomParticipant[];
  /** Feeds that can be subscribed to now. */
  publishers: RoomPublisher[];
  /** False when the media server is down: chat and the shared viewer still work. */
  mediaAvailable: boolean;
  recording: {
    active: boolean;
    /** Someone asked to record: participants who haven't consented see the prompt. */
    requested: boolean;
    recordingId: string | null;
  };
  presenterUserId: string | null;
  view: SharedView | null;
}

export interface IceServerConfig {
  urls: string[];
  username?: string;
  credential?: string;
}

export interface ChatMessageEvent {
  id: number;
  consultationId: string;
  userId: string;
  displayName: string;
  at: string;
  text: string;
}

/** Acknowledgement payloads, by request. */
export interface ConsultReplies {
  'consult:join': {
    self: { userId: string; admitted: boolean; role: ParticipantRole };
    state: RoomState;
    iceServers: IceServerConfig[];
  };
  'media:publish': { feedId: string; answer: Sdp };
  'media:subscribe': { offer: Sdp };
}
export type ConsultReply<N extends ConsultRequestName> =
  ({ ok: true } & (N extends keyof ConsultReplies ? ConsultReplies[N] : unknown)) | ApiError;

/** The simulcast layer the SFU forwards for one subscription: 0 lowest, 2 highest, or audio only. */
export type SimulcastLayer = 0 | 1 | 2 | 'audio-only';

/** Server → client events. */
export interface ConsultServerEvents {
  'consult:state': (state: RoomState) => void;
  'chat:message': (message: ChatMessageEvent) => void;
  /** The media server restarted: drop every peer connection of this room and publish/subscribe anew. */
  'media:renegotiate': (e: { consultationId: string }) => void;
  /** The simulcast layer the server now forwards for one of the receiver's subscriptions. */
  'media:layer': (e: { consultationId: string; feedId: string; layer: SimulcastLayer }) => void;
  /** The presenter moved (or, with `null`, closed) the shared viewer; sent to everyone but the presenter. */
  'viewer:state': (e: {
    consultationId: string;
    userId: string;
    view: SharedView | null;
    seq: number;
  }) => void;
  /** This socket's place in the room was taken by the same user on another device or tab. */
  'consult:replaced': (e: { consultationId: string }) => void;
  /** The host removed this user from the consultation: the room is closed to them. */
  'consult:removed': (e: { consultationId: string }) => void;
}
