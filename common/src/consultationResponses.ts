// The consultation workflow's answers as the API sends them and the client reads them.
import { z } from 'zod';
import {
  ConsultationAction,
  ConsultationStatus,
  DeclineReason,
  ParticipantRole,
  RecordingStatus,
  ReferralAdvice,
} from './consultations';
import { Priority, Role } from './enums';
import { Timestamp } from './ids';
import { PatientAccess } from './referrals';

const Named = z.object({ id: z.string(), name: z.string() });
const UserRef = z.object({ userId: z.string(), displayName: z.string() });
/** Times in a consultation's request, as the client receives them. */
const Window = z.object({ from: Timestamp, to: Timestamp });

export const PatientSummary = z.object({
  id: z.string(),
  name: z.string(),
  gender: z.string(),
  birthDate: z.string(),
});
export type PatientSummary = z.output<typeof PatientSummary>;

export const ConsultationEvent = z.object({
  id: z.number().int(),
  action: z.string(),
  fromStatus: ConsultationStatus.nullable(),
  toStatus: ConsultationStatus,
  at: Timestamp,
  actor: UserRef.extend({ institutionName: z.string().nullable() }),
  details: z.record(z.string(), z.unknown()),
  signed: z.boolean(),
  verified: z.boolean().nullable(),
});
export type ConsultationEvent = z.output<typeof ConsultationEvent>;

export const ConsultationRequestInfo = z.object({
  requestedBy: UserRef,
  requesterInstitution: Named,
  toInstitution: Named,
  toDepartment: Named.nullable(),
  specialist: UserRef.nullable(),
  priority: Priority,
  /** Null once the caller's access to the patient ended. */
  question: z.string().nullable(),
  preferredTimes: z.array(Window),
  proposedTimes: z.array(Window),
  studyInstanceUids: z.array(z.string()),
  decisionDueAt: Timestamp.nullable(),
  decidedAt: Timestamp.nullable(),
  overdue: z.boolean(),
  declineReasonCode: DeclineReason.nullable(),
  declineNote: z.string().nullable(),
  infoQuestion: z.string().nullable(),
  infoAnswer: z.string().nullable(),
  cancelReason: z.string().nullable(),
});
export type ConsultationRequestInfo = z.output<typeof ConsultationRequestInfo>;

export const ConsultationConclusion = z.object({
  diagnosis: z.string(),
  recommendation: z.string(),
  referralAdvice: ReferralAdvice.optional(),
  concludedAt: Timestamp,
  concludedBy: UserRef,
  verified: z.boolean(),
});
export type ConsultationConclusion = z.output<typeof ConsultationConclusion>;

export const ConsultationParticipant = z.object({
  userId: z.string(),
  displayName: z.string(),
  title: z.string().nullable(),
  institutionId: z.string().nullable(),
  institutionName: z.string().nullable(),
  departmentName: z.string().nullable(),
  role: ParticipantRole,
  roles: z.array(Role),
  recordingConsentAt: Timestamp.nullable(),
});
export type ConsultationParticipant = z.output<typeof ConsultationParticipant>;

export const ConsultationOpinion = z.object({
  id: z.number().int(),
  author: UserRef.extend({ institutionName: z.string().nullable() }),
  revision: z.number().int(),
  text: z.string(),
  signedAt: Timestamp,
  valid: z.boolean(),
});
export type ConsultationOpinion = z.output<typeof ConsultationOpinion>;

export const ConsultationRecording = z.object({
  id: z.string(),
  status: RecordingStatus,
  startedAt: Timestamp,
  endedAt: Timestamp.nullable(),
  durationSeconds: z.number().nullable(),
  createdBy: z.string(),
});
export type ConsultationRecording = z.output<typeof ConsultationRecording>;

/** What every view of a consultation starts with. */
const ConsultationHeading = z.object({
  id: z.uuid(),
  title: z.string(),
  status: ConsultationStatus,
  version: z.number().int(),
});

export const Consultation = ConsultationHeading.extend({
  scheduledAt: Timestamp.nullable(),
  durationMinutes: z.number().int().nullable(),
  hostUserId: z.string().nullable(),
  hostInstitutionId: z.string().nullable(),
  referralId: z.string().nullable(),
  startedAt: Timestamp.nullable(),
  endedAt: Timestamp.nullable(),
  createdAt: Timestamp,
  myRole: ParticipantRole.nullable(),
  recordVisible: z.boolean(),
  patient: PatientSummary.nullable(),
  /** 'ended': about a patient the caller no longer sees; what it says about them is left out. */
  patientAccess: PatientAccess,
  request: ConsultationRequestInfo.nullable(),
  conclusion: ConsultationConclusion.nullable(),
  participants: z.array(ConsultationParticipant),
  attendance: z.array(
    z.object({ id: z.number().int(), userId: z.string(), joinedAt: Timestamp, leftAt: Timestamp.nullable() }),
  ),
  opinions: z.array(ConsultationOpinion),
  recordings: z.array(ConsultationRecording),
  events: z.array(ConsultationEvent),
  allowedActions: z.array(ConsultationAction),
});
export type Consultation = z.output<typeof Consultation>;

export const ChatLine = z.object({
  id: z.number().int(),
  userId: z.string(),
  displayName: z.string(),
  at: Timestamp,
  text: z.string(),
});
export type ChatLine = z.output<typeof ChatLine>;

/** GET /api/consultations/:id/record: the consultation with its chat and who attended how long. */
export const ConsultationRecord = Consultation.extend({
  messages: z.array(ChatLine),
  attendanceSummary: z.array(
    z.object({
      userId: z.string(),
      firstJoinedAt: Timestamp,
      lastLeftAt: Timestamp.nullable(),
      minutes: z.number(),
      visits: z.number().int(),
    }),
  ),
});
export type ConsultationRecord = z.output<typeof ConsultationRecord>;

export const ConsultationListItem = ConsultationHeading.extend({
  priority: Priority.nullable(),
  question: z.string().nullable(),
  patient: PatientSummary.nullable(),
  patientAccess: PatientAccess,
  requester: z.object({ displayName: z.string(), institutionName: z.string() }).nullable(),
  toInstitutionName: z.string().nullable(),
  toDepartmentName: z.string().nullable(),
  host: UserRef.nullable(),
  scheduledAt: Timestamp.nullable(),
  durationMinutes: z.number().int().nullable(),
  decisionDueAt: Timestamp.nullable(),
  overdue: z.boolean(),
  createdAt: Timestamp,
  referralId: z.string().nullable(),
  myRole: ParticipantRole.nullable(),
});
export type ConsultationListItem = z.output<typeof ConsultationListItem>;

export const ConsultationPage = z.object({
  items: z.array(ConsultationListItem),
  nextCursor: z.string().nullable(),
  counts: z.record(z.string(), z.number().int()),
});
export type ConsultationPage = z.output<typeof ConsultationPage>;

export const ScheduleItem = z.object({
  id: z.uuid(),
  title: z.string(),
  scheduledAt: Timestamp,
  durationMinutes: z.number().int(),
  status: ConsultationStatus,
  myRole: ParticipantRole,
  host: UserRef.extend({ institutionName: z.string().nullable() }),
  participantCount: z.number().int(),
  referralId: z.string().nullable(),
  hasPatient: z.boolean(),
});
export type ScheduleItem = z.output<typeof ScheduleItem>;

/** GET /api/consultations: a worklist page with box, the caller's schedule without. */
export const ConsultationListResponse = z.union([ConsultationPage, z.array(ScheduleItem)]);

export const StaffMember = z.object({
  id: z.uuid(),
  displayName: z.string(),
  title: z.string().nullable(),
  institutionId: z.string().nullable(),
  institutionName: z.string().nullable(),
  departmentName: z.string().nullable(),
  roles: z.array(Role),
});
export type StaffMember = z.output<typeof StaffMember>;

export const ReferralConsultation = z.object({
  id: z.uuid(),
  title: z.string(),
  status: ConsultationStatus,
  priority: Priority.nullable(),
  scheduledAt: Timestamp.nullable(),
  recordVisible: z.boolean(),
  conclusion: ConsultationConclusion.nullable(),
  events: z.array(ConsultationEvent),
});
export type ReferralConsultation = z.output<typeof ReferralConsultation>;

/** A playable file of a finished recording. */
export const RecordingFile = z.object({ name: z.string(), size: z.number().int(), contentType: z.string() });
export type RecordingFile = z.output<typeof RecordingFile>;
