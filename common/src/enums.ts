// Vocabulary shared by the API, the web client and the tests. The values are part of the
// public interface (stored in the database and sent over the wire): never rename one.
import { z } from 'zod';

export const Role = z.enum(['doctor', 'specialist', 'coordinator', 'institution_admin', 'regional_admin']);
export type Role = z.infer<typeof Role>;

export const ReferralStatus = z.enum([
  'draft',
  'submitted',
  'info_requested',
  'accepted',
  'scheduled',
  'checked_in',
  'completed',
  'rejected',
  'redirected',
  'no_show',
  'cancelled',
]);
export type ReferralStatus = z.infer<typeof ReferralStatus>;

export const ReferralAction = z.enum([
  'submit',
  'accept',
  'reject',
  'request-info',
  'provide-info',
  'redirect',
  'schedule',
  'check-in',
  'no-show',
  'complete',
  'cancel',
]);
export type ReferralAction = z.infer<typeof ReferralAction>;

export const Direction = z.enum(['up', 'down']);
export type Direction = z.infer<typeof Direction>;

export const ReferralType = z.enum(['outpatient', 'inpatient', 'examination']);
export type ReferralType = z.infer<typeof ReferralType>;

export const Priority = z.enum(['routine', 'urgent', 'emergency']);
export type Priority = z.infer<typeof Priority>;

export const RejectReason = z.enum(['duplicate', 'inappropriate', 'incomplete', 'capacity', 'other']);
export type RejectReason = z.infer<typeof RejectReason>;

export const Gender = z.enum(['male', 'female', 'unknown']);
export type Gender = z.infer<typeof Gender>;

/** Statuses in which a referral is still moving; the others are final. */
export const OPEN_STATUSES: readonly ReferralStatus[] = [
  'draft',
  'submitted',
  'info_requested',
  'accepted',
  'scheduled',
  'checked_in',
];
