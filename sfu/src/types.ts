// Shapes shared by the room classes and the signaling server that drives them.

export type Source = 'camera' | 'screen';

/** Which of a participant's peer connections a message is about. */
export type PeerRef = { publisher: Source } | { subscription: string };

export interface PublisherInfo {
  feedId: string;
  participantId: string;
  source: Source;
}

export interface RoomSettings {
  /** Video bit/s cap per publisher (REMB sent to the browser, enforced with bitrate_cap). */
  bitrate: number;
  maxPublishers: number;
  /** Seconds between keyframe requests, so late subscribers and layer switches recover fast. */
  firFreq: number;
  /** How long subscribe() waits for a just-published feed to connect. */
  publisherWaitMs: number;
}

export interface RoomEvents {
  /** A publisher's media is flowing: from now on others can subscribe to it. */
  'publisher-added': [PublisherInfo];
  'publisher-removed': [PublisherInfo];
  'peer-up': [{ participantId: string; peer: PeerRef }];
  'peer-down': [{ participantId: string; peer: PeerRef; reason: string }];
}

/** Errors signaling can map to `{error: {code}}` acknowledgements. */
export class SfuError extends Error {
  constructor(
    readonly code: 'unknown_peer' | 'unknown_feed' | 'feed_not_ready' | 'room_closed' | 'no_video' | 'janus',
    message: string,
  ) {
    super(message);
  }
}

/** Feed ids name the participant and source (VideoRoom runs with string_ids). */
export const feedIdFor = (participantId: string, source: Source): string => `${participantId}:${source}`;
