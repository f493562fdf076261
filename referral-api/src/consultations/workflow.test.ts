// The pure state machine: every action from every status, for the party that may take it and
// for one that may not.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConsultationAction, ConsultationStatus } from '@tiered-care/common';
import { allowedConsultationActions, judge, TRANSITIONS, type ConsultationParty } from './workflow';

const REQUESTER = 'inst-c1';
const RECEIVER = 'inst-h1';
const state = (status: ConsultationStatus) => ({
  status,
  requesterInstitutionId: REQUESTER,
  toInstitutionId: RECEIVER,
  toDepartmentId: 'dept-card',
  specialistUserId: null,
});
const party = (p: Partial<ConsultationParty>): ConsultationParty => ({
  userId: 'u',
  institutionId: null,
  departmentId: null,
  roles: ['doctor'],
  participantRole: null,
  ...p,
});

const requester = party({ institutionId: REQUESTER, participantRole: 'participant' });
const receiver = party({ institutionId: RECEIVER, departmentId: 'dept-card', roles: ['specialist'] });
const host = party({
  institutionId: RECEIVER,
  departmentId: 'dept-card',
  roles: ['specialist'],
  participantRole: 'host',
});
const cohost = party({ institutionId: 'inst-h2', roles: ['specialist'], participantRole: 'cohost' });
const guest = party({ institutionId: 'inst-h2', roles: ['specialist'], participantRole: 'participant' });

/** Who may take each action (status aside), and someone who may not. */
const WHO: Record<ConsultationAction, [ConsultationParty, ConsultationParty]> = {
  accept: [receiver, requester],
  'propose-time': [requester, guest],
  decline: [receiver, requester],
  'request-info': [receiver, guest],
  'provide-info': [requester, receiver],
  cancel: [requester, guest],
  invite: [cohost, guest],
  'remove-participant': [host, requester],
  'set-cohost': [host, cohost],
  conclude: [host, cohost],
};

describe('consultation state machine', () => {
  for (const action of ConsultationAction.options) {
    test(`${action}: allowed exactly from ${TRANSITIONS[action].from.join(', ')}, refused to the wrong party`, () => {
      const [may, mayNot] = WHO[action];
      for (const status of ConsultationStatus.options) {
        const verdict = judge(state(status), may, action);
        if (TRANSITIONS[action].from.includes(status)) {
          assert.deepEqual(verdict, { ok: true, to: TRANSITIONS[action].to }, `${action} from ${status}`);
        } else {
          assert.deepEqual(verdict, { ok: false, reason: 'invalid_transition' }, `${action} from ${status}`);
        }
        assert.deepEqual(judge(state(status), mayNot, action), { ok: false, reason: 'forbidden' });
      }
    });
  }

  test('on the receiving side a clinician of another department may not decide; a coordinator may', () => {
    const neurologist = party({ institutionId: RECEIVER, departmentId: 'dept-neur', roles: ['specialist'] });
    const coordinator = party({ institutionId: RECEIVER, roles: ['coordinator'] });
    assert.equal(judge(state('requested'), neurologist, 'accept').ok, false);
    assert.equal(judge(state('requested'), coordinator, 'accept').ok, true);
    const named = { ...state('requested'), specialistUserId: 'named' };
    assert.equal(
      judge(named, { ...neurologist, userId: 'named' }, 'accept').ok,
      true,
      'the named specialist',
    );
  });

  test('administrators read; they never act', () => {
    const admin = party({ institutionId: RECEIVER, roles: ['institution_admin'], participantRole: 'host' });
    for (const status of ConsultationStatus.options) {
      assert.deepEqual(allowedConsultationActions(state(status), admin), []);
    }
  });

  test('a direct booking (no request) has no request steps, only the organiser’s', () => {
    const direct = {
      ...state('scheduled'),
      requesterInstitutionId: null,
      toInstitutionId: null,
      toDepartmentId: null,
    };
    assert.deepEqual(allowedConsultationActions(direct, host), [
      'cancel',
      'invite',
      'remove-participant',
      'set-cohost',
    ]);
  });
});
