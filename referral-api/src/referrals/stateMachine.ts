// The referral state machine (see ARCHITECTURE.md): which action moves which status where, and
// who may take it. Pure: no database, no express; the action code asks it before changing rows.
import type { ReferralAction, ReferralStatus, Role } from '@tiered-care/common';

export type Side = 'sender' | 'receiver';

interface Transition {
  from: readonly ReferralStatus[];
  to: ReferralStatus;
  side: Side;
}

export const TRANSITIONS: Record<ReferralAction, Transition> = {
  submit: { from: ['draft'], to: 'submitted', side: 'sender' },
  accept: { from: ['submitted'], to: 'accepted', side: 'receiver' },
  reject: { from: ['submitted', 'info_requested'], to: 'rejected', side: 'receiver' },
  'request-info': { from: ['submitted'], to: 'info_requested', side: 'receiver' },
  'provide-info': { from: ['info_requested'], to: 'submitted', side: 'sender' },
  redirect: { from: ['submitted'], to: 'redirected', side: 'receiver' },
  // Scheduling again from `scheduled` moves the appointment (the old slot is released).
  schedule: { from: ['accepted', 'scheduled'], to: 'scheduled', side: 'receiver' },
  'check-in': { from: ['accepted', 'scheduled'], to: 'checked_in', side: 'receiver' },
  'no-show': { from: ['scheduled'], to: 'no_show', side: 'receiver' },
  complete: { from: ['checked_in'], to: 'completed', side: 'receiver' },
  cancel: {
    from: ['draft', 'submitted', 'info_requested', 'accepted', 'scheduled'],
    to: 'cancelled',
    side: 'sender',
  },
};

/** Roles that work referrals; administrators read, they don't act. */
const ACTING_ROLES: readonly Role[] = ['doctor', 'specialist', 'coordinator'];

/** Decisions signed by their author so they can't be repudiated later. */
export const SIGNED_ACTIONS: ReadonlySet<ReferralAction> = new Set([
  'accept',
  'reject',
  'redirect',
  'complete',
]);

export interface ActingParty {
  institutionId: string | null;
  departmentId: string | null;
  roles: readonly Role[];
}

export interface ReferralState {
  status: ReferralStatus;
  fromInstitutionId: string;
  toInstitutionId: string;
  toDepartmentId: string | null;
}

export function sideOf(r: ReferralState, who: ActingParty): Side | null {
  if (who.institutionId === r.fromInstitutionId) return 'sender';
  if (who.institutionId === r.toInstitutionId) return 'receiver';
  return null;
}

/**
 * May this person take this action on this referral, status aside? On the receiving side a
 * clinician acts only for their own department when the referral names one; coordinators act
 * for the whole institution.
 */
export function mayAct(r: ReferralState, who: ActingParty, action: ReferralAction): boolean {
  const t = TRANSITIONS[action];
  if (sideOf(r, who) !== t.side) return false;
  if (!who.roles.some((role) => ACTING_ROLES.includes(role))) return false;
  if (t.side === 'receiver' && r.toDepartmentId && !who.roles.includes('coordinator')) {
    return who.departmentId === r.toDepartmentId;
  }
  return true;
}

export type Verdict =
  { ok: true; to: ReferralStatus } | { ok: false; reason: 'forbidden' | 'invalid_transition' };

export function judge(r: ReferralState, who: ActingParty, action: ReferralAction): Verdict {
  if (!mayAct(r, who, action)) return { ok: false, reason: 'forbidden' };
  const t = TRANSITIONS[action];
  if (!t.from.includes(r.status)) return { ok: false, reason: 'invalid_transition' };
  return { ok: true, to: t.to };
}

export function allowedActions(r: ReferralState, who: ActingParty): ReferralAction[] {
  return (Object.keys(TRANSITIONS) as ReferralAction[]).filter((a) => judge(r, who, a).ok);
}
