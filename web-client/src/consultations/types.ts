// The consultation workflow's API answers as the client receives them (dates as ISO strings).
import type {
  Conclusion,
  ConsultationAction,
  ConsultationStatus,
  DeclineReason,
  ParticipantRole,
  Priority,
  Role,
  TimeWindow,
} from '@tiered-care/common';
import type { PatientAccess } from '../api/types';

export interface Named {
  id: string;
  name: string;
}

export interface PatientSummary {
  id: string;
  name: string;
  gender: string;
  birthDate: string;
}

export interface ConsultationEvent {
  id: number;
  action: string;
  fromStatus: ConsultationStatus | null;
  toStatus: ConsultationStatus;
  at: string;
  actor: { userId: string; displayName: string; institutionName: string | null };
  details: Record<string, unknown>;
  signed: boolean;
  verified: boolean | null;
}

export interface ConsultationRequestInfo {
  requestedBy: { userId: string; displayName: string };
  requesterInstitution: Named;
  toInstitution: Named;
  toDepartment: Named | null;
  specialist: { userId: string; displayName: string } | null;
  priority: Priority;
  /** Null once the caller's access to the patient ended. */
  question: string | null;
  preferredTimes: TimeWindow[];
  proposedTimes: TimeWindow[];
  studyInstanceUids: string[];
  decisionDueAt: string | null;
  decidedAt: string | null;
  overdue: boolean;
  declineReasonCode: DeclineReason | null;
  declineNote: string | null;
  infoQuestion: string | null;
  infoAnswer: string | null;
  cancelReason: string | null;
}

export interface ConsultationConclusion extends Conclusion {
  concludedAt: string;
  concludedBy: { userId: string; displayName: string };
  verified: boolean;
}

export interface ConsultationParticipant {
  userId: string;
  displayName: string;
  title: string | null;
  institutionId: string | null;
  institutionName: string | null;
  departmentName: string | null;
  role: ParticipantRole;
  roles: Role[];
  recordingConsentAt: string | null;
}

export interface ConsultationOpinion {
  id: number;
  author: { userId: string; displayName: string; institutionName: string | null };
  revision: number;
  text: string;
  signedAt: string;
  valid: boolean;
}

export interface ConsultationRecording {
  id: string;
  status: 'recording' | 'processing' | 'ready' | 'failed';
  startedAt: string;
  endedAt: string | null;
  durationSeconds: number | null;
  createdBy: string;
}

export interface Consultation {
  id: string;
  title: string;
  status: ConsultationStatus;
  version: number;
  scheduledAt: string | null;
  durationMinutes: number | null;
  hostUserId: string | null;
  hostInstitutionId: string | null;
  referralId: string | null;
  startedAt: string | null;
  endedAt: string | null;
  createdAt: string;
  myRole: ParticipantRole | null;
  recordVisible: boolean;
  patient: PatientSummary | null;
  /** 'ended': about a patient the caller no longer sees; what it says about them is left out. */
  patientAccess: PatientAccess;
  request: ConsultationRequestInfo | null;
  conclusion: ConsultationConclusion | null;
  participants: ConsultationParticipant[];
  attendance: { id: number; userId: string; joinedAt: string; leftAt: string | null }[];
  opinions: ConsultationOpinion[];
  recordings: ConsultationRecording[];
  events: ConsultationEvent[];
  allowedActions: ConsultationAction[];
}

export interface ConsultationRecord extends Consultation {
  messages: { id: number; userId: string; displayName: string; at: string; text: string }[];
  attendanceSummary: {
    userId: string;
    firstJoinedAt: string;
    lastLeftAt: string | null;
    minutes: number;
    visits: number;
  }[];
}

export interface ConsultationListItem {
  id: string;
  title: string;
  status: ConsultationStatus;
  version: number;
  priority: Priority | null;
  question: string | null;
  patient: PatientSummary | null;
  patientAccess: PatientAccess;
  requester: { displayName: string; institutionName: string } | null;
  toInstitutionName: string | null;
  toDepartmentName: string | null;
  host: { userId: string; displayName: string } | null;
  scheduledAt: string | null;
  durationMinutes: number | null;
  decisionDueAt: string | null;
  overdue: boolean;
  createdAt: string;
  referralId: string | null;
  myRole: ParticipantRole | null;
}

export interface ConsultationPage {
  items: ConsultationListItem[];
  nextCursor: string | null;
  counts: Record<string, number>;
}

export interface ScheduleItem {
  id: string;
  title: string;
  scheduledAt: string;
  durationMinutes: number;
  status: ConsultationStatus;
  myRole: ParticipantRole;
  host: { userId: string; displayName: string; institutionName: string | null };
  participantCount: number;
  referralId: string | null;
  hasPatient: boolean;
}

export interface StaffMember {
  id: string;
  displayName: string;
  title: string | null;
  institutionId: string | null;
  institutionName: string | null;
  departmentName: string | null;
  roles: Role[];
}

export interface ReferralConsultation {
  id: string;
  title: string;
  status: ConsultationStatus;
  priority: Priority | null;
  scheduledAt: string | null;
  recordVisible: boolean;
  conclusion: ConsultationConclusion | null;
  events: ConsultationEvent[];
}
