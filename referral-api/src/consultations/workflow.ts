// The consultation state machine (会诊申请 → 受理 → 会诊 → 报告): which action moves which status
// where, and who may take it. Pure, like referrals/stateMachine.ts: the action code asks it
// before it changes rows, and the API lists the caller's allowed actions from it.
import type { ConsultationAction, ConsultationStatus, ParticipantRole, Role } from '@tiered-care/common';

/**
 * requester: the requesting institution's clinicians and coordinators;
 * receiver: the receiving institution's coordinators, its clinicians of the requested
 *   department (any department when none was named) and the named specialist;
 * organiser: the host and co-hosts; host: the host alone;
 * requester-or-organiser: either of those (cancelling).
 */
export type Party = 'requester' | 'receiver' | 'either' | 'organiser' | 'host' | 'requester-or-organiser';

interface Transition {
  from: readonly ConsultationStatus[];
  /** null: the status stays (invitations, proposals). */
  to: ConsultationStatus | null;
  party: Party;
}

export const TRANSITIONS: Record<ConsultationAction, Transition> = {
  accept: { from: ['requested'], to: 'scheduled', party: 'receiver' },
  'propose-time': { from: ['requested'], to: null, party: 'either' },
  decline: { from: ['requested', 'info_requested'], to: 'declined', party: 'receiver' },
  'request-info': { from: ['requested'], to: 'info_requested', party: 'receiver' },
  'provide-info': { from: ['info_requested'], to: 'requested', party: 'requester' },
  cancel: {
    from: ['requested', 'info_requested', 'scheduled'],
    to: 'cancelled',
    party: 'requester-or-organiser',
  },
  invite: { from: ['scheduled', 'live'], to: null, party: 'organiser' },
  'remove-participant': { from: ['scheduled', 'live'], to: null, party: 'organiser' },
  'set-cohost': { from: ['scheduled', 'live'], to: null, party: 'host' },
  conclude: { from: ['ended'], to: 'reported', party: 'host' },
};

/** Decisions signed by their author (Ed25519), so they can't be repudiated later. */
export const SIGNED_CONSULTATION_ACTIONS: ReadonlySet<ConsultationAction> = new Set([
  'accept',
  'decline',
  'conclude',
]);

/** Roles that work consultations; administrators read, they don't act. */
const ACTING_ROLES: readonly Role[] = ['doctor', 'specialist', 'coordinator'];

export interface ConsultationState {
  status: ConsultationStatus;
  requesterInstitutionId: string | null;
  toInstitutionId: string | null;
  toDepartmentId: string | null;
  specialistUserId: string | null;
}

export interface ConsultationParty {
  userId: string;
  institutionId: string | null;
  departmentId: string | null;
  roles: readonly Role[];
  /** The caller's part in the consultation, if they take part. */
  participantRole: ParticipantRole | null;
}

const acting = (who: ConsultationParty) => who.roles.some((r) => ACTING_ROLES.includes(r));

export function isRequesterSide(c: ConsultationState, who: ConsultationParty): boolean {
  return c.requesterInstitutionId !== null && who.institutionId === c.requesterInstitutionId && acting(who);
}

export function isReceiverSide(c: ConsultationState, who: ConsultationParty): boolean {
  if (c.toInstitutionId === null || who.institutionId !== c.toInstitutionId || !acting(who)) return false;
  if (who.roles.includes('coordinator') || who.userId === c.specialistUserId) return true;
  return c.toDepartmentId === null || who.departmentId === c.toDepartmentId;
}

function isParty(c: ConsultationState, who: ConsultationParty, party: Party): boolean {
  const organiser = who.participantRole === 'host' || who.participantRole === 'cohost';
  switch (party) {
    case 'requester':
      return isRequesterSide(c, who);
    case 'receiver':
      return isReceiverSide(c, who);
    case 'either':
      return isRequesterSide(c, who) || isReceiverSide(c, who);
    case 'organiser':
      return organiser && acting(who);
    case 'host':
      return who.participantRole === 'host' && acting(who);
    case 'requester-or-organiser':
      return (organiser && acting(who)) || isRequesterSide(c, who);
  }
}

export type Verdict =
  { ok: true; to: ConsultationStatus | null } | { ok: false; reason: 'forbidden' | 'invalid_transition' };

export function judge(c: ConsultationState, who: ConsultationParty, action: ConsultationAction): Verdict {
  const t = TRANSITIONS[action];
  if (!isParty(c, who, t.party)) return { ok: false, reason: 'forbidden' };
  if (!t.from.includes(c.status)) return { ok: false, reason: 'invalid_transition' };
  return { ok: true, to: t.to };
}

export function allowedConsultationActions(
  c: ConsultationState,
  who: ConsultationParty,
): ConsultationAction[] {
  return (Object.keys(TRANSITIONS) as ConsultationAction[]).filter((a) => judge(c, who, a).ok);
}
