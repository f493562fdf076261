import { AttachStudyBody, SharedStudy, StudyList } from '@tiered-care/common';
import type { z } from 'zod';
import type { BridgeContext } from '../context';
import { IdParams, inTx, Reply, route, type Route } from '@tiered-care/platform';
import { attachStudy } from './attach';
import { attachStudyToConsultation, listConsultationStudies } from './consultation';
import { describeStudies, listReferralStudies } from './list';

// Sharing the same study again answers the first share, with 200.
const created = (r: { created: boolean; study: z.input<typeof SharedStudy> }) =>
  new Reply(r.created ? 201 : 200, r.study);
const LISTED = 'date, modalities, description, series and instance counts';

/** Sharing a study to a referral or a consultation, and listing what it has: the same two routes. */
function studiesOf(
  ctx: BridgeContext,
  owner: 'referrals' | 'consultations',
  attach: typeof attachStudy,
  list: typeof listReferralStudies,
  summaries: { attach: string; list: string },
): Route[] {
  const path = `/api/${owner}/:id/studies`;
  return [
    route(
      'post',
      path,
      { params: IdParams, body: AttachStudyBody },
      async (c) =>
        created(await attach((fn) => inTx(c, fn), ctx, c.actor, c.params.id, c.body.studyInstanceUid)),
      { summary: summaries.attach, status: 201, response: SharedStudy },
    ),
    route(
      'get',
      path,
      { params: IdParams },
      async (c) => ({
        studies: await describeStudies(await inTx(c, (db) => list(db, ctx, c.actor, c.params.id))),
      }),
      { summary: `${summaries.list}: ${LISTED}`, response: StudyList },
    ),
  ];
}

export function studyRoutes(ctx: BridgeContext): Route[] {
  return [
    ...studiesOf(ctx, 'referrals', attachStudy, listReferralStudies, {
      attach: "Attach a study from the sender's PACS (or one it uploaded to the region's) to a referral",
      list: 'The studies shared to a referral',
    }),
    ...studiesOf(ctx, 'consultations', attachStudyToConsultation, listConsultationStudies, {
      attach:
        "Share a study of the consultation's patient from the caller's PACS (or one it uploaded to the region's)",
      list: 'The studies shared to a consultation and to the referral it is about',
    }),
  ];
}
