import { z } from 'zod';
import type { BridgeContext } from '../context';
import { isUid } from '../dicom/part10';
import { IdParams, inTx, Reply, route, type Route } from '../platform';
import { attachStudy } from './attach';
import { listReferralStudies } from './list';

export const AttachStudyBody = z.strictObject({
  studyInstanceUid: z.string().refine(isUid, 'a DICOM UID: digits and dots, at most 64 characters'),
});

export function studyRoutes(ctx: BridgeContext): Route[] {
  return [
    route(
      'post',
      '/api/referrals/:id/studies',
      { params: IdParams, body: AttachStudyBody },
      async (c) => {
        const r = await inTx(c, (db) => attachStudy(db, ctx, c.actor, c.params.id, c.body.studyInstanceUid));
        return new Reply(r.created ? 201 : 200, r.study);
      },
      {
        summary: "Attach a study from the sender's PACS (or one it uploaded to the region's) to a referral",
        status: 201,
      },
    ),
    route(
      'get',
      '/api/referrals/:id/studies',
      { params: IdParams },
      (c) => inTx(c, (db) => listReferralStudies(db, ctx, c.actor, c.params.id)),
      {
        summary:
          'The studies shared to a referral: date, modalities, description, series and instance counts',
      },
    ),
  ];
}
