// GET /api/consultations/:id as the room uses it (dates arrive as ISO strings).
import type { ConsultationStatus, ParticipantRole } from '@tiered-care/common';

export interface ConsultationDetail {
  id: string;
  title: string;
  status: ConsultationStatus;
  scheduledAt: string;
  durationMinutes: number;
  hostUserId: string;
  myRole: ParticipantRole;
  patient: { id: string; name: string; gender: string; birthDate: string } | null;
  /** Present when the consultation began as a request: what the requester asks. */
  request: { question: string; priority: string } | null;
  participants: {
    userId: string;
    displayName: string;
    institutionName: string | null;
    departmentName: string | null;
    role: ParticipantRole;
  }[];
}

/** The simulcast layer the SFU forwards for one subscription (`media:layer`). */
export type Layer = 0 | 1 | 2 | 'audio-only';
