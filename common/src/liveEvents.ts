// The app's live notifications as signaling sends them and the web client reads them. Payloads
// carry ids and statuses, never patient data: clients fetch details through the API. Strict, so a
// field added to a notification without being declared here (with response checking on) is refused.
import { z } from 'zod';
import { ConsultationStatus } from './consultations';
import { DiagnosisStatus } from './diagnosis';
import { ReferralStatus } from './enums';

/** The outbox row's id: the same event heard twice has the same id. */
const EventId = z.number().int();

/** A referral changed; sent to its two institutions (a draft to the sender's only). */
export const ReferralChanged = z.strictObject({
  referralId: z.string(),
  action: z.string(),
  status: ReferralStatus,
  version: z.number().int(),
  fromInstitutionId: z.string(),
  toInstitutionId: z.string(),
  actorUserId: z.string(),
  eventId: EventId,
});
export type ReferralChanged = z.output<typeof ReferralChanged>;

/** A consultation changed (invited, opinion, recording, study_shared…); sent to its participants. */
export const ConsultationChanged = z.strictObject({
  consultationId: z.string(),
  action: z.string(),
  status: ConsultationStatus.optional(),
  userIds: z.array(z.string()),
  /**
   * Institutions whose staff hear of it too: a request's requesting and receiving institutions
   * (the receiving department's worklist refreshes at once).
   */
  institutionIds: z.array(z.string()).optional(),
  /** Who made the change (their own tabs don't count it as news). */
  actorUserId: z.string().optional(),
  eventId: EventId,
});
export type ConsultationChanged = z.output<typeof ConsultationChanged>;

/**
 * A remote-diagnosis request changed; sent to the requesting doctor and the reading centre's
 * department (its worklist refreshes). `critical`: a signed report flags a critical finding, which
 * the requester's client shows prominently until acknowledged.
 */
export const DiagnosisChanged = z.strictObject({
  requestId: z.string(),
  action: z.string(),
  status: DiagnosisStatus,
  version: z.number().int(),
  requesterUserId: z.string(),
  fromInstitutionId: z.string(),
  toInstitutionId: z.string(),
  toDepartmentId: z.string(),
  critical: z.boolean(),
  actorUserId: z.string(),
  eventId: EventId,
});
export type DiagnosisChanged = z.output<typeof DiagnosisChanged>;

/** Server → client notifications outside consult rooms: payload schemas by event name. */
export const LiveEvents = {
  'referral:changed': ReferralChanged,
  'consultation:changed': ConsultationChanged,
  'diagnosis:changed': DiagnosisChanged,
  /** The socket's session ended (logout, deactivation, a role removed): it is closed next. */
  'session:ended': z.strictObject({ reason: z.string() }),
} as const;
export type LiveEventName = keyof typeof LiveEvents;
export type LiveEvent<E extends LiveEventName> = z.output<(typeof LiveEvents)[E]>;
