// Live notifications for the app: a referral's two institutions hear of each change to it;
// invited users hear of consultations; a diagnosis request's requester and reading department
// hear of it. Payloads carry ids and statuses, never patient data:
// the client fetches the details through the API, which checks access and audits the read.
import type { ConsultationChanged, DiagnosisChanged, ReferralChanged } from '@tiered-care/common';
import type { Server } from 'socket.io';
import type { Outbound } from './outbound';

export const rooms = {
  institution: (id: string) => `inst:${id}`,
  user: (id: string) => `user:${id}`,
  department: (id: string) => `dept:${id}`,
};

export function isReferralChanged(p: unknown): p is ReferralChanged {
  const r = p as Partial<ReferralChanged> | null;
  return (
    typeof r?.referralId === 'string' &&
    typeof r.fromInstitutionId === 'string' &&
    typeof r.toInstitutionId === 'string' &&
    typeof r.eventId === 'number'
  );
}

export function deliverReferralChange(io: Server, out: Outbound, change: ReferralChanged): void {
  // A draft is the sender's alone until it is submitted.
  const targets =
    change.status === 'draft'
      ? [rooms.institution(change.fromInstitutionId)]
      : [rooms.institution(change.fromInstitutionId), rooms.institution(change.toInstitutionId)];
  out.emit(io.to(targets), 'referral:changed', change);
}

export function isConsultationChanged(p: unknown): p is ConsultationChanged {
  const c = p as Partial<ConsultationChanged> | null;
  return typeof c?.consultationId === 'string' && Array.isArray(c.userIds) && typeof c.eventId === 'number';
}

export function deliverConsultationChange(io: Server, out: Outbound, change: ConsultationChanged): void {
  const targets = [
    ...change.userIds.map(rooms.user),
    ...(change.institutionIds ?? []).map(rooms.institution),
  ];
  out.emit(io.to(targets), 'consultation:changed', change);
}

export function isDiagnosisChanged(p: unknown): p is DiagnosisChanged {
  const d = p as Partial<DiagnosisChanged> | null;
  return (
    typeof d?.requestId === 'string' &&
    typeof d.requesterUserId === 'string' &&
    typeof d.toDepartmentId === 'string' &&
    typeof d.eventId === 'number'
  );
}

/**
 * The requesting doctor (a critical finding is theirs to acknowledge) and the reading centre's
 * department, whose worklist refreshes; not the rest of either institution.
 */
export function deliverDiagnosisChange(io: Server, out: Outbound, change: DiagnosisChanged): void {
  const targets = [rooms.user(change.requesterUserId), rooms.department(change.toDepartmentId)];
  out.emit(io.to(targets), 'diagnosis:changed', change);
}
