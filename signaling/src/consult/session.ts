// What signaling holds about one live consult room: who is connected (one socket per user),
// who waits for the host, hands, mute marks, connection quality, the recording request and the
// shared viewer. Everything durable (participants, attendance, chat, consent, recordings) lives
// in PostgreSQL; this is the part that only matters while people are connected, rebuilt from the
// database and the clients' re-joins after a restart.
import type {
  ConnectionQuality,
  RoomParticipant,
  RoomPublisher,
  RoomState,
  SharedView,
} from '@tiered-care/common';
import type { Actor, consultations } from '@tiered-care/referral-api';
import type { LayerControl } from './layers';

export interface Member {
  userId: string;
  socketId: string;
  actor: Actor;
  admitted: boolean;
  /** The attendance row this connection opened (closed on leave). */
  attendanceId: number | null;
  handRaised: boolean;
  audio: boolean;
  video: boolean;
  quality: ConnectionQuality;
  layers: LayerControl;
}

export const socketRooms = {
  admitted: (consultationId: string) => `consult:${consultationId}`,
  waiting: (consultationId: string) => `consult-wait:${consultationId}`,
};

type Detail = consultations.ConsultationDetail;

export class ConsultSession {
  readonly members = new Map<string, Member>();
  /** Feeds whose media is flowing (Janus said webrtcup): only these can be subscribed to. */
  readonly feeds = new Map<string, RoomPublisher>();
  recordingRequested = false;
  recordingId: string | null = null;
  /** Who started the running recording: finishing it is recorded in their name if they left. */
  recordingActor: Actor | null = null;
  presenterUserId: string | null = null;
  view: SharedView | null = null;
  viewSeq = 0;
  /** Timer that closes the media room after the last person left. */
  idleTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly id: string,
    public detail: Detail,
  ) {}

  /** A session exists only for a scheduled or live consultation, which always has a host. */
  get hostUserId(): string {
    return this.detail.hostUserId ?? '';
  }

  isCohost(userId: string): boolean {
    return this.detail.participants.some((p) => p.userId === userId && p.role === 'cohost');
  }

  /** The host is in the room (not merely connected to its waiting area). */
  hostPresent(): boolean {
    return this.members.get(this.hostUserId)?.admitted === true;
  }

  /** Someone who can admit is in the room: the host, or a co-host standing in. */
  admitterPresent(): boolean {
    return this.hostPresent() || this.admittedMembers().some((m) => this.isCohost(m.userId));
  }

  /** The host admits; a co-host admits and ends while the host is away. */
  mayAdmit(userId: string): boolean {
    return userId === this.hostUserId || (this.isCohost(userId) && !this.hostPresent());
  }

  /** Participants who ever entered may come back without waiting again (reconnects, restarts). */
  wasAdmitted(userId: string): boolean {
    return userId === this.hostUserId || this.detail.attendance.some((a) => a.userId === userId);
  }

  admittedMembers(): Member[] {
    return [...this.members.values()].filter((m) => m.admitted);
  }

  snapshot(mediaAvailable: boolean, forWaiting = false): RoomState {
    const participants: RoomParticipant[] = this.detail.participants.map((p) => {
      const m = this.members.get(p.userId);
      return {
        userId: p.userId,
        displayName: p.displayName,
        institutionName: p.institutionName,
        role: p.role,
        present: m?.admitted ?? false,
        waiting: m ? !m.admitted : false,
        handRaised: m?.handRaised ?? false,
        audio: m?.audio ?? false,
        video: m?.video ?? false,
        quality: m?.admitted ? m.quality : 'unknown',
        recordingConsent: p.recordingConsentAt !== null,
      };
    });
    return {
      consultationId: this.id,
      title: this.detail.title,
      status: this.detail.status,
      hostUserId: this.hostUserId,
      participants,
      // Someone still waiting sees who is there, not the media or the images.
      publishers: forWaiting ? [] : [...this.feeds.values()],
      mediaAvailable,
      recording: {
        active: this.recordingId !== null,
        requested: this.recordingRequested,
        recordingId: this.recordingId,
      },
      presenterUserId: this.presenterUserId,
      view: forWaiting ? null : this.view,
    };
  }
}
