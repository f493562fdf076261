import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Role } from '@tiered-care/common';
import { allowedActions, judge, type ActingParty, type ReferralState } from './stateMachine';

const C1 = 'c1';
const H1 = 'h1';
const CARD = 'card';
const NEUR = 'neur';
const referral = (status: ReferralState['status'], toDepartmentId: string | null = CARD): ReferralState => ({
  status,
  fromInstitutionId: C1,
  toInstitutionId: H1,
  toDepartmentId,
});
const who = (institutionId: string, roles: Role[], departmentId: string | null = null): ActingParty => ({
  institutionId,
  departmentId,
  roles,
});

describe('referral state machine', () => {
  test('the receiving coordinator may accept, reject, ask for information or redirect a submitted referral', () => {
    assert.deepEqual(allowedActions(referral('submitted'), who(H1, ['coordinator'])).sort(), [
      'accept',
      'redirect',
      'reject',
      'request-info',
    ]);
  });

  test('the referring doctor may only cancel a submitted referral', () => {
    assert.deepEqual(allowedActions(referral('submitted'), who(C1, ['doctor'])), ['cancel']);
  });

  test('a specialist of another department cannot decide on a referral to cardiology', () => {
    assert.deepEqual(judge(referral('submitted'), who(H1, ['specialist'], NEUR), 'accept'), {
      ok: false,
      reason: 'forbidden',
    });
    assert.deepEqual(judge(referral('submitted'), who(H1, ['specialist'], CARD), 'accept'), {
      ok: true,
      to: 'accepted',
    });
  });

  test('without a target department any clinician of the receiving institution may decide', () => {
    assert.equal(judge(referral('submitted', null), who(H1, ['doctor'], NEUR), 'accept').ok, true);
  });

  test('administrators and people of other institutions take no action', () => {
    assert.deepEqual(allowedActions(referral('submitted'), who(H1, ['institution_admin'])), []);
    assert.deepEqual(allowedActions(referral('submitted'), who('c2', ['coordinator'])), []);
  });

  test('an action from the wrong status is an invalid transition, not a permission problem', () => {
    assert.deepEqual(judge(referral('completed'), who(H1, ['coordinator']), 'accept'), {
      ok: false,
      reason: 'invalid_transition',
    });
  });

  test('the happy path runs draft to completed', () => {
    const steps: [
      ReferralState['status'],
      Parameters<typeof judge>[2],
      ActingParty,
      ReferralState['status'],
    ][] = [
      ['draft', 'submit', who(C1, ['doctor']), 'submitted'],
      ['submitted', 'accept', who(H1, ['coordinator']), 'accepted'],
      ['accepted', 'schedule', who(H1, ['coordinator']), 'scheduled'],
      ['scheduled', 'check-in', who(H1, ['coordinator']), 'checked_in'],
      ['checked_in', 'complete', who(H1, ['specialist'], CARD), 'completed'],
    ];
    for (const [from, action, actor, to] of steps) {
      assert.deepEqual(judge(referral(from), actor, action), { ok: true, to }, `${action} from ${from}`);
    }
  });

  test('a scheduled referral may be rescheduled, checked in or marked no-show, and cancelled by the sender', () => {
    assert.deepEqual(allowedActions(referral('scheduled'), who(H1, ['coordinator'])).sort(), [
      'check-in',
      'no-show',
      'schedule',
    ]);
    assert.deepEqual(allowedActions(referral('scheduled'), who(C1, ['doctor'])), ['cancel']);
  });

  test('final statuses allow nothing', () => {
    for (const status of ['completed', 'rejected', 'redirected', 'no_show', 'cancelled'] as const) {
      assert.deepEqual(allowedActions(referral(status), who(H1, ['coordinator'])), [], status);
      assert.deepEqual(allowedActions(referral(status), who(C1, ['doctor'])), [], status);
    }
  });
});
