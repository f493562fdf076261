// Who is in one consult room: one connection per user, admitted or waiting for the host, with
// hands, mute marks and connection quality, beside the consultation as last read (participants,
// roles, attendance, consent). Everything durable lives in PostgreSQL; this only matters while
// people are connected, rebuilt from the database and the clients' re-joins after a restart.
import type { ConnectionQuality, RoomParticipant } from '@tiered-care/common';
import type { consultations } from '@tiered-care/referral-api';
import type { Actor } from '@tiered-care/platform';
import { LayerControl } from './layers';

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

export type ConsultationDetail = consultations.ConsultationDetail;

export function newMember(actor: Actor, socketId: string): Member {
  return {
    userId: actor.userId,
    socketId,
    actor,
    admitted: false,
    attendanceId: null,
    handRaised: false,
    audio: true,
    video: true,
    quality: 'unknown',
    layers: new LayerControl(),
  };
}

export class Roster {
  readonly members = new Map<string, Member>();

  constructor(public detail: ConsultationDetail) {}

  /** A room exists only for a scheduled or live consultation, which always has a host. */
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

  /** The connection of this socket, if it is in the room (admitted or waiting). */
  bySocket(socketId: string): Member | undefined {
    return [...this.members.values()].find((m) => m.socketId === socketId);
  }

  everyoneConsented(): boolean {
    return this.detail.participants.every((p) => p.recordingConsentAt !== null);
  }

  /** The participants as the room's snapshot shows them. */
  participants(): RoomParticipant[] {
    return this.detail.participants.map((p) => {
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
  }
}
