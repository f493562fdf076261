import {
  ActionBodies,
  CheckInBody,
  CreateReferralBody,
  Referral,
  ReferralAction,
  ReferralListPage,
  ReferralListQuery,
} from '@tiered-care/common';
import { z } from 'zod';
import { IdParams, inTx, Reply } from '@tiered-care/platform';
import { route } from '../http/apiRoute';
import { checkInByCode, performAction } from './actions';
import { createReferral } from './create';
import { getReferral, listReferrals } from './read';
import { sendSlip } from './slipRoute';
import { verifyEvent } from './verify';

const IdempotencyKey = z.string().trim().min(8).max(200).optional();
const EventParams = z.strictObject({ id: z.uuid(), eventId: z.coerce.number().int().positive() });

/** One route per action, so each action's body is validated and documented on its own. */
const actionRoutes = ReferralAction.options.map((action) =>
  route(
    'post',
    `/api/referrals/:id/actions/${action}`,
    { params: IdParams, body: ActionBodies[action] },
    (c) =>
      inTx(c, (db) => performAction(db, c.services.crypto, c.actor, c.params.id, action, c.body as never)),
    {
      summary: `Referral action: ${action}`,
      response: Referral,
    },
  ),
);

export const referralRoutes = [
  route(
    'post',
    '/api/referrals',
    { body: CreateReferralBody },
    async (c) => {
      const key = IdempotencyKey.parse(c.req.get('Idempotency-Key')) ?? null;
      const r = await inTx(c, (db) => createReferral(db, c.services.crypto, c.actor, c.body, key));
      return new Reply(r.replayed ? 200 : 201, r.referral);
    },
    {
      summary: 'Create a referral (submitted unless draft); send an Idempotency-Key header',
      status: 201,
      response: Referral,
    },
  ),
  route(
    'get',
    '/api/referrals',
    { query: ReferralListQuery },
    (c) => inTx(c, (db) => listReferrals(db, c.actor, c.query)),
    {
      summary: 'Worklists: incoming or outgoing referrals with counts per status',
      response: ReferralListPage,
    },
  ),
  route(
    'get',
    '/api/referrals/:id',
    { params: IdParams },
    (c) => inTx(c, (db) => getReferral(db, c.actor, c.params.id)),
    {
      summary: 'One referral with its history and the actions the caller may take',
      response: Referral,
    },
  ),
  ...actionRoutes,
  route('get', '/api/referrals/:id/slip.pdf', { params: IdParams }, (c) => sendSlip(c, c.params.id), {
    summary: 'The printable referral slip (PDF) with the check-in QR code',
    produces: 'application/pdf',
  }),
  route(
    'get',
    '/api/referrals/:id/events/:eventId/verification',
    { params: EventParams },
    (c) => inTx(c, (db) => verifyEvent(db, c.params.id, c.params.eventId)),
    {
      summary: "Verify a decision's signature against its author's public key",
    },
  ),
  route(
    'post',
    '/api/check-in',
    { body: CheckInBody },
    (c) => inTx(c, (db) => checkInByCode(db, c.services.crypto, c.actor, c.body.code)),
    {
      summary: 'Check a patient in at the receiving site with the code from the slip',
      response: Referral,
    },
  ),
];
