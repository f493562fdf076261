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

export function studyRoutes(ctx: BridgeContext): Route[] {
  return [
    route(
      'post',
      '/api/referrals/:id/studies',
      { params: IdParams, body: AttachStudyBody },
      async (c) =>
        created(await attachStudy((fn) => inTx(c, fn), ctx, c.actor, c.params.id, c.body.studyInstanceUid)),
      {
        summary: "Attach a study from the sender's PACS (or one it uploaded to the region's) to a referral",
        status: 201,
        response: SharedStudy,
      },
    ),
    route(
      'get',
      '/api/referrals/:id/studies',
      { params: IdParams },
      async (c) => ({
        studies: await describeStudies(
          await inTx(c, (db) => listReferralStudies(db, ctx, c.actor, c.params.id)),
        ),
      }),
      { summary: `The studies shared to a referral: ${LISTED}`, response: StudyList },
    ),
    route(
      'post',
      '/api/consultations/:id/studies',
      { params: IdParams, body: AttachStudyBody },
      async (c) =>
        created(
          await attachStudyToConsultation(
            (fn) => inTx(c, fn),
            ctx,
            c.actor,
            c.params.id,
            c.body.studyInstanceUid,
          ),
        ),
      {
        summary:
          "Share a study of the consultation's patient from the caller's PACS (or one it uploaded to the region's)",
        status: 201,
        response: SharedStudy,
      },
    ),
    route(
      'get',
      '/api/consultations/:id/studies',
      { params: IdParams },
      async (c) => ({
        studies: await describeStudies(
          await inTx(c, (db) => listConsultationStudies(db, ctx, c.actor, c.params.id)),
        ),
      }),
      {
        summary: `The studies shared to a consultation and to the referral it is about: ${LISTED}`,
        response: StudyList,
      },
    ),
  ];
}
