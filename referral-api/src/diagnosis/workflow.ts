// Who may take which action on a request, in which state. The state machine:
//   requested → claim → claimed → report (draft) → reported → sign → signed → acknowledge → acknowledged
//   claimed/reported → release → requested;  a trainee's sign leaves it reported, awaiting a
//   senior's cosign → signed;  signed/acknowledged → amend (a senior) → signed;
//   requested/claimed/reported (nothing signed yet) → cancel (the requester) → cancelled.
import { DiagnosisAction } from '@tiered-care/common';
import type { Actor } from '@tiered-care/platform';
import { refuseUnlessAllowed } from '../workflow/guard';
import type { RequestRow } from './model';

type Facts = Pick<
  RequestRow,
  'status' | 'awaitingCosign' | 'claimedByUserId' | 'requesterUserId' | 'readerGrade' | 'draft'
>;

const OPEN = new Set(['requested', 'claimed', 'reported']);

/** Whether the action fits the request's state (the caller aside). */
function stateAllows(r: Facts, action: DiagnosisAction): boolean {
  switch (action) {
    case 'claim':
      return r.status === 'requested';
    case 'release':
    case 'report':
      return (r.status === 'claimed' || r.status === 'reported') && !r.awaitingCosign;
    case 'sign':
      return r.status === 'reported' && !r.awaitingCosign && r.draft !== null;
    case 'cosign':
      return r.status === 'reported' && r.awaitingCosign;
    case 'acknowledge':
      return r.status === 'signed';
    case 'amend':
      return r.status === 'signed' || r.status === 'acknowledged';
    case 'cancel':
      return OPEN.has(r.status) && !r.awaitingCosign;
  }
}

/** Whether the caller is the one who may take it. */
function callerAllows(r: Facts, actor: Actor, action: DiagnosisAction): boolean {
  const mine = r.claimedByUserId === actor.userId;
  switch (action) {
    case 'claim':
      return r.readerGrade !== null;
    case 'release':
      // A senior may free a colleague's stale claim.
      return r.readerGrade !== null && (mine || r.readerGrade === 'senior');
    case 'report':
    case 'sign':
      return r.readerGrade !== null && mine;
    case 'cosign':
      return r.readerGrade === 'senior' && !mine;
    case 'amend':
      return r.readerGrade === 'senior';
    case 'acknowledge':
    case 'cancel':
      return r.requesterUserId === actor.userId;
  }
}

export function allowedActions(r: Facts, actor: Actor): DiagnosisAction[] {
  return DiagnosisAction.options.filter((a) => stateAllows(r, a) && callerAllows(r, actor, a));
}

/**
 * Refuses as referrals and consultations do (workflow/guard.ts): the wrong party 403, then a
 * stale version 409 version_conflict (of two readers claiming together exactly one wins), then a
 * state the action can't start from 409 invalid_transition.
 */
export function assertAllowed(
  r: Facts & { version: number },
  actor: Actor,
  action: DiagnosisAction,
  sentVersion: number,
): void {
  refuseUnlessAllowed({
    verdict: !callerAllows(r, actor, action)
      ? { ok: false, reason: 'forbidden' }
      : stateAllows(r, action)
        ? { ok: true, to: null }
        : { ok: false, reason: 'invalid_transition' },
    action,
    noun: 'diagnosis request',
    status: r.status,
    version: r.version,
    sentVersion,
    allowedActions: allowedActions(r, actor),
  });
}
