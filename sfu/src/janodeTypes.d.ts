// Types for the parts of janode (plain JavaScript, no bundled types) this package uses.
// Shapes follow janode 1.8 sources: connection.js, session.js, handle.js, plugins/videoroom-plugin.js.

declare module 'janode' {
  import type { EventEmitter } from 'node:events';

  export interface Jsep {
    type: 'offer' | 'answer';
    sdp: string;
    e2ee?: boolean;
  }

  export interface IceCandidate {
    candidate: string;
    sdpMid?: string | null;
    sdpMLineIndex?: number | null;
    usernameFragment?: string | null;
  }

  export interface ServerAddress {
    url: string;
    apisecret?: string;
  }

  export interface JanodeConfig {
    address: ServerAddress | ServerAddress[];
    retry_time_secs?: number;
    max_retries?: number;
    is_admin?: boolean;
  }

  export interface ModuleInfo {
    name: string;
    version_string: string;
  }

  export interface ServerInfo {
    janus: 'server_info';
    name: string;
    version: number;
    version_string: string;
    'accepting-new-sessions': boolean;
    plugins: Record<string, ModuleInfo>;
    transports: Record<string, ModuleInfo>;
    events: Record<string, ModuleInfo>;
    loggers: Record<string, ModuleInfo>;
  }

  /** A raw Janus reply (what Handle.message resolves with). */
  export interface JanusMessage {
    janus: string;
    plugindata?: { plugin: string; data: Record<string, unknown> };
    jsep?: Jsep;
  }

  export class Handle extends EventEmitter {
    id: number;
    detach(): Promise<void>;
    hangup(): Promise<unknown>;
    trickle(candidate: IceCandidate | IceCandidate[]): Promise<unknown>;
    trickleComplete(): Promise<unknown>;
    message(body: Record<string, unknown>, jsep?: Jsep): Promise<JanusMessage>;
  }

  export interface PluginDescriptor<H extends Handle> {
    id: string;
    Handle: abstract new (...args: never[]) => H;
    EVENT: Record<string, string>;
  }

  export class Session extends EventEmitter {
    id: number;
    attach<H extends Handle>(plugin: PluginDescriptor<H>): Promise<H>;
    destroy(): Promise<void>;
  }

  export class Connection extends EventEmitter {
    id: number;
    getInfo(): Promise<ServerInfo>;
    create(keepaliveSeconds?: number): Promise<Session>;
    close(): Promise<void>;
  }

  interface LoggerFns {
    debug: (...args: unknown[]) => void;
    verbose: (...args: unknown[]) => void;
    info: (...args: unknown[]) => void;
    warning: (...args: unknown[]) => void;
    error: (...args: unknown[]) => void;
    setLevel: (level: string) => string;
  }

  const Janode: {
    connect(config: JanodeConfig): Promise<Connection>;
    Logger: LoggerFns;
    EVENT: {
      CONNECTION_CLOSED: 'connection_closed';
      CONNECTION_ERROR: 'connection_error';
      SESSION_DESTROYED: 'session_destroyed';
      HANDLE_DETACHED: 'handle_detached';
      HANDLE_ICE_FAILED: 'handle_ice_failed';
      HANDLE_HANGUP: 'handle_hangup';
      HANDLE_MEDIA: 'handle_media';
      HANDLE_WEBRTCUP: 'handle_webrtcup';
      HANDLE_SLOWLINK: 'handle_slowlink';
      HANDLE_TRICKLE: 'handle_trickle';
    };
  };
  export default Janode;
}

declare module 'janode/plugins/videoroom' {
  import type { Handle, Jsep, PluginDescriptor } from 'janode';

  export type RoomId = string;
  export type FeedId = string;

  export interface SubscribeStream {
    feed: FeedId;
    mid?: string;
  }

  export interface StreamInfo {
    type: 'audio' | 'video' | 'data';
    mid: string;
    mindex: number;
    feed_id?: FeedId;
    feed_mid?: string;
    simulcast?: unknown;
  }

  export interface PublisherJoined {
    room: RoomId;
    feed: FeedId;
    private_id?: number;
    jsep?: Jsep;
    streams?: StreamInfo[];
  }

  export interface Subscribed {
    room: RoomId;
    jsep?: Jsep;
    streams?: StreamInfo[];
  }

  export class VideoRoomHandle extends Handle {
    feed: FeedId | null;
    room: RoomId | null;
    joinConfigurePublisher(params: {
      room: RoomId;
      feed: FeedId;
      pin?: string;
      display?: string;
      audio?: boolean;
      video?: boolean;
      data?: boolean;
      bitrate?: number;
      record?: boolean;
      filename?: string;
      jsep: Jsep;
    }): Promise<PublisherJoined>;
    configure(params: {
      record?: boolean;
      filename?: string;
      bitrate?: number;
      streams?: Record<string, unknown>[];
      jsep?: Jsep;
      keyframe?: boolean;
      restart?: boolean;
    }): Promise<{ jsep?: Jsep } & Record<string, unknown>>;
    joinSubscriber(params: {
      room: RoomId;
      streams: SubscribeStream[];
      pin?: string;
      private_id?: number;
      use_msid?: boolean;
    }): Promise<Subscribed>;
    start(params: { jsep: Jsep }): Promise<unknown>;
    leave(): Promise<unknown>;
    unpublish(): Promise<unknown>;
    exists(params: { room: RoomId }): Promise<{ exists: boolean }>;
    destroy(params: { room: RoomId; secret?: string; permanent?: boolean }): Promise<unknown>;
    enable_recording(params: { room: RoomId; secret?: string; record: boolean }): Promise<unknown>;
    listParticipants(params: {
      room: RoomId;
      secret?: string;
    }): Promise<{ participants: { feed: FeedId; display?: string; publisher: boolean }[] }>;
  }

  const VideoRoomPlugin: PluginDescriptor<VideoRoomHandle> & {
    EVENT: Record<string, string> & {
      VIDEOROOM_SC_SUBSTREAM_LAYER: string;
      VIDEOROOM_DESTROYED: string;
    };
  };
  export default VideoRoomPlugin;
}
