// Remote consultations (远程会诊): request bodies and queries shared by the API and the web client.
import { z } from 'zod';
import { Priority, Role } from './enums';
import { CalendarDate, Instant, Uuid } from './ids';

export const ConsultationStatus = z.enum([
  'requested',
  'info_requested',
  'declined',
  'scheduled',
  'live',
  'ended',
  'reported',
  'cancelled',
]);
export type ConsultationStatus = z.infer<typeof ConsultationStatus>;

export const ParticipantRole = z.enum(['host', 'cohost', 'participant']);
export type ParticipantRole = z.infer<typeof ParticipantRole>;

export const RecordingStatus = z.enum(['recording', 'processing', 'ready', 'failed']);
export type RecordingStatus = z.infer<typeof RecordingStatus>;

const Text = (max: number) => z.string().trim().min(1).max(max);

/** Scheduling directly (the caller hosts): the older body, still accepted. */
export const ScheduleConsultationBody = z.strictObject({
  title: Text(200),
  scheduledAt: Instant,
  durationMinutes: z.number().int().min(5).max(480),
  /** The others invited; the creator joins as host without being listed. */
  participantUserIds: z
    .array(Uuid)
    .min(1)
    .max(12)
    .refine((ids) => new Set(ids).size === ids.length, 'participants must not repeat'),
  /** The patient follows from the referral when only the referral is given. */
  referralId: Uuid.optional(),
  patientId: Uuid.optional(),
});
export type ScheduleConsultationBody = z.infer<typeof ScheduleConsultationBody>;

export const TimeWindow = z
  .strictObject({ from: Instant, to: Instant })
  .refine((w) => Date.parse(w.from) < Date.parse(w.to), 'a time window must end after it starts');
export type TimeWindow = z.infer<typeof TimeWindow>;
const TimeWindows = z.array(TimeWindow).max(5);

const StudyUid = z
  .string()
  .regex(/^[0-9]+(\.[0-9]+)*$/, 'a DICOM UID')
  .max(64);

/** 会诊申请: asks another institution of the consortium for a consultation. */
export const RequestConsultationBody = z
  .strictObject({
    mode: z.literal('request'),
    toInstitutionId: Uuid,
    toDepartmentId: Uuid.optional(),
    specialistUserId: Uuid.optional(),
    priority: Priority,
    question: Text(4000),
    title: Text(200).optional(),
    preferredTimes: TimeWindows.optional(),
    referralId: Uuid.optional(),
    patientId: Uuid.optional(),
    studyInstanceUids: z
      .array(StudyUid)
      .max(20)
      .refine((u) => new Set(u).size === u.length, 'studies must not repeat')
      .optional(),
  })
  .refine((b) => b.referralId || b.patientId, 'a consultation request is about a referral or a patient');
export type RequestConsultationBody = z.infer<typeof RequestConsultationBody>;

export const CreateConsultationBody = z.union([RequestConsultationBody, ScheduleConsultationBody]);
export type CreateConsultationBody = z.infer<typeof CreateConsultationBody>;

export const ConsultationAction = z.enum([
  'accept',
  'propose-time',
  'decline',
  'request-info',
  'provide-info',
  'cancel',
  'invite',
  'remove-participant',
  'set-cohost',
  'conclude',
]);
export type ConsultationAction = z.infer<typeof ConsultationAction>;

export const DeclineReason = z.enum(['outside_scope', 'capacity', 'incomplete', 'not_needed', 'other']);
export type DeclineReason = z.infer<typeof DeclineReason>;

export const ReferralAdvice = z.enum(['up', 'down', 'none']);
export type ReferralAdvice = z.infer<typeof ReferralAdvice>;

export const Conclusion = z.strictObject({
  diagnosis: Text(4000),
  recommendation: Text(8000),
  referralAdvice: ReferralAdvice.optional(),
});
export type Conclusion = z.infer<typeof Conclusion>;

const Version = z.number().int().min(1);
const Invitees = z
  .array(Uuid)
  .min(1)
  .max(12)
  .refine((ids) => new Set(ids).size === ids.length, 'invitees must not repeat');

/** Body schema for each consultation action; every body carries the version the caller saw. */
export const ConsultationActionBodies = {
  accept: z.strictObject({
    version: Version,
    scheduledAt: Instant,
    durationMinutes: z.number().int().min(5).max(480),
    hostUserId: Uuid.optional(),
    note: z.string().trim().max(2000).optional(),
  }),
  'propose-time': z.strictObject({
    version: Version,
    times: z.array(TimeWindow).min(1).max(5),
    note: z.string().trim().max(2000).optional(),
  }),
  decline: z.strictObject({ version: Version, reasonCode: DeclineReason, note: Text(2000) }),
  'request-info': z.strictObject({ version: Version, question: Text(2000) }),
  'provide-info': z.strictObject({ version: Version, answer: Text(5000) }),
  cancel: z.strictObject({ version: Version, reason: Text(2000) }),
  invite: z.strictObject({ version: Version, userIds: Invitees }),
  'remove-participant': z.strictObject({ version: Version, userId: Uuid }),
  'set-cohost': z.strictObject({ version: Version, userId: Uuid, cohost: z.boolean().default(true) }),
  conclude: z.strictObject({ version: Version, conclusion: Conclusion }),
} as const;
export type ConsultationActionBodies = {
  [K in keyof typeof ConsultationActionBodies]: z.infer<(typeof ConsultationActionBodies)[K]>;
};

/**
 * `box` set: a worklist page (incoming requests for the caller's institution or department,
 * outgoing ones from it, or every consultation the caller takes part in). Without `box`: the
 * caller's schedule between two calendar days (the older query).
 */
export const ConsultationListQuery = z
  .strictObject({
    box: z.enum(['incoming', 'outgoing', 'mine']).optional(),
    status: z
      .string()
      .transform((s) => s.split(',').filter(Boolean))
      .pipe(z.array(ConsultationStatus).max(8))
      .optional(),
    overdue: z.enum(['true', 'false']).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.string().max(500).optional(),
    from: CalendarDate.optional(),
    to: CalendarDate.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, 'from must not be after to');
export type ConsultationListQuery = z.infer<typeof ConsultationListQuery>;

/** Calendar days in Asia/Shanghai, both inclusive; the API defaults to yesterday…+30 days. */
export const ConsultationRangeQuery = z
  .strictObject({
    from: CalendarDate.optional(),
    to: CalendarDate.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, 'from must not be after to');
export type ConsultationRangeQuery = z.infer<typeof ConsultationRangeQuery>;

export const OpinionBody = z.strictObject({ text: Text(20000) });
export type OpinionBody = z.infer<typeof OpinionBody>;

export const ChatMessageBody = z.strictObject({ text: Text(2000) });
export type ChatMessageBody = z.infer<typeof ChatMessageBody>;

/** Chat history: messages after the id the client already has (reconnects), oldest first. */
export const ChatHistoryQuery = z.strictObject({
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export type ChatHistoryQuery = z.infer<typeof ChatHistoryQuery>;

/** The staff directory used to pick consultation participants. */
export const StaffQuery = z.strictObject({
  q: z.string().trim().max(64).optional(),
  institutionId: Uuid.optional(),
  departmentId: Uuid.optional(),
  role: Role.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type StaffQuery = z.infer<typeof StaffQuery>;
