// Remote consultations (远程会诊): request bodies and queries shared by the API and the web client.
import { z } from 'zod';
import { Role } from './enums';
import { Uuid } from './ids';

export const ConsultationStatus = z.enum(['scheduled', 'live', 'ended']);
export type ConsultationStatus = z.infer<typeof ConsultationStatus>;

export const ParticipantRole = z.enum(['host', 'participant']);
export type ParticipantRole = z.infer<typeof ParticipantRole>;

export const RecordingStatus = z.enum(['recording', 'processing', 'ready', 'failed']);
export type RecordingStatus = z.infer<typeof RecordingStatus>;

const Text = (max: number) => z.string().trim().min(1).max(max);

export const CreateConsultationBody = z.strictObject({
  title: Text(200),
  scheduledAt: z.iso.datetime({ offset: true }),
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
export type CreateConsultationBody = z.infer<typeof CreateConsultationBody>;

/** Calendar days in Asia/Shanghai, both inclusive; the API defaults to yesterday…+30 days. */
export const ConsultationRangeQuery = z
  .strictObject({
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
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
  role: Role.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type StaffQuery = z.infer<typeof StaffQuery>;
