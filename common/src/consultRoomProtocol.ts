// The consult room protocol over socket.io, shared by signaling and the web client. Every request
// from a browser carries the consultation id and is answered through the socket.io acknowledgement
// with `{ ok: true, ... }` or `{ error: { code, message } }` (the API's one error shape). Both
// directions are zod schemas here: the requests signaling validates, and the acknowledgements and
// events it sends (checked before sending when response checking is on). The server pushes whole
// room snapshots (`consult:state`) rather than deltas: rooms hold a handful of people, and a
// snapshot can't drift after a missed message or a reconnect.
import { ChatLine } from './consultationResponses';
import { ConsultationStatus, ParticipantRole } from './consultations';
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

export const ConnectionQuality = z.enum(['good', 'fair', 'poor', 'unknown']);
export type ConnectionQuality = z.output<typeof ConnectionQuality>;

// What the server sends back, as strict objects: a field signaling adds without declaring it here
// is refused too (with response checking on), so nothing reaches browsers unnoticed. Ids are plain
// strings, as in the API's response schemas; feed ids keep their `<userId>:<source>` form.

export const RoomParticipant = z.strictObject({
  userId: z.string(),
  displayName: z.string(),
  institutionName: z.string().nullable(),
  role: ParticipantRole,
  /** In the room (admitted and connected). */
  present: z.boolean(),
  /** Connected but waiting for the host. */
  waiting: z.boolean(),
  handRaised: z.boolean(),
  audio: z.boolean(),
  video: z.boolean(),
  quality: ConnectionQuality,
  recordingConsent: z.boolean(),
});
export type RoomParticipant = z.output<typeof RoomParticipant>;

export const RoomPublisher = z.strictObject({ feedId: FeedId, userId: z.string(), source: MediaSource });
export type RoomPublisher = z.output<typeof RoomPublisher>;

export const RoomState = z.strictObject({
  consultationId: z.string(),
  title: z.string(),
  status: ConsultationStatus,
  hostUserId: z.string(),
  participants: z.array(RoomParticipant),
  /** Feeds that can be subscribed to now. */
  publishers: z.array(RoomPublisher),
  /** False when the media server is down: chat and the shared viewer still work. */
  mediaAvailable: z.boolean(),
  recording: z.strictObject({
    active: z.boolean(),
    /** Someone asked to record: participants who haven't consented see the prompt. */
    requested: z.boolean(),
    recordingId: z.string().nullable(),
  }),
  presenterUserId: z.string().nullable(),
  view: SharedView.nullable(),
});
export type RoomState = z.output<typeof RoomState>;

export const IceServerConfig = z.strictObject({
  urls: z.array(z.string()),
  username: z.string().optional(),
  credential: z.string().optional(),
});
export type IceServerConfig = z.output<typeof IceServerConfig>;

/** A chat line as the room hears it: the history's line plus the consultation it belongs to. */
export const ChatMessageEvent = z.strictObject({ ...ChatLine.shape, consultationId: z.string() });
export type ChatMessageEvent = z.output<typeof ChatMessageEvent>;

/** The simulcast layer the SFU forwards for one subscription: 0 lowest, 2 highest, or audio only. */
export const SimulcastLayer = z.union([z.literal(0), z.literal(1), z.literal(2), z.literal('audio-only')]);
export type SimulcastLayer = z.output<typeof SimulcastLayer>;

const Ok = { ok: z.literal(true) };
const JustOk = z.strictObject(Ok);

/** Acknowledgements of success, by request: `{ ok: true }` and what the request asked for. */
export const ConsultAcks = {
  'consult:join': z.strictObject({
    ...Ok,
    self: z.strictObject({ userId: z.string(), admitted: z.boolean(), role: ParticipantRole }),
    state: RoomState,
    iceServers: z.array(IceServerConfig),
  }),
  'consult:leave': JustOk,
  'consult:admit': JustOk,
  'consult:hand': JustOk,
  'consult:media-state': JustOk,
  'consult:end': JustOk,
  'chat:send': z.strictObject({ ...Ok, message: ChatMessageEvent }),
  'media:publish': z.strictObject({ ...Ok, feedId: FeedId, answer: Sdp }),
  'media:unpublish': JustOk,
  'media:subscribe': z.strictObject({ ...Ok, offer: Sdp }),
  'media:answer': JustOk,
  'media:unsubscribe': JustOk,
  'media:candidate': JustOk,
  'media:stats': JustOk,
  /** Whether recording began now (everyone had consented) or waits for consent. */
  'recording:start': z.strictObject({ ...Ok, recording: z.boolean() }),
  'recording:stop': z.strictObject({ ...Ok, recordingId: z.string().nullable() }),
  'recording:consent': JustOk,
  'viewer:state': JustOk,
  'viewer:take-control': JustOk,
} as const satisfies Record<ConsultRequestName, z.ZodType>;
export type ConsultAck<N extends ConsultRequestName> = z.output<(typeof ConsultAcks)[N]>;
/** Acknowledgement payloads, by request. */
export type ConsultReplies = { [N in ConsultRequestName]: ConsultAck<N> };
export type ConsultReply<N extends ConsultRequestName> = ConsultAck<N> | ApiError;

const InRoom = { consultationId: z.string() };

/** Server → client events of the consult room: payload schemas by event name. */
export const ConsultEvents = {
  'consult:state': RoomState,
  'chat:message': ChatMessageEvent,
  /** The media server restarted: drop every peer connection of this room and publish/subscribe anew. */
  'media:renegotiate': z.strictObject(InRoom),
  /** The simulcast layer the server now forwards for one of the receiver's subscriptions. */
  'media:layer': z.strictObject({ ...InRoom, feedId: FeedId, layer: SimulcastLayer }),
  /** The presenter moved (or, with `null`, closed) the shared viewer; sent to everyone but the presenter. */
  'viewer:state': z.strictObject({
    ...InRoom,
    userId: z.string(),
    view: SharedView.nullable(),
    seq: z.number().int().min(1),
  }),
  /** This socket's place in the room was taken by the same user on another device or tab. */
  'consult:replaced': z.strictObject(InRoom),
  /** The host removed this user from the consultation: the room is closed to them. */
  'consult:removed': z.strictObject(InRoom),
} as const;
export type ConsultEventName = keyof typeof ConsultEvents;
export type ConsultEvent<E extends ConsultEventName> = z.output<(typeof ConsultEvents)[E]>;

/** Server → client events as listeners (socket.io's typed-events form). */
export type ConsultServerEvents = { [E in ConsultEventName]: (payload: ConsultEvent<E>) => void };
