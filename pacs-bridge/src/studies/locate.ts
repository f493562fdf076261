// Where a study to be shared comes from: the caller's own institution's PACS, or the region's
// (only studies the caller's institution uploaded there, or that are already shared with it).
import type { BridgeContext } from '../context';
import { pacsClient } from '../pacs/client';
import { foreignStudies, ownEndpoint, regionEndpoint, type Upstream } from '../pacs/endpoints';
import { NotFound, type Db } from '../platform';

async function existsIn(up: Upstream, study: string): Promise<boolean> {
  return (await pacsClient(up).searchStudies({ StudyInstanceUID: study })).length > 0;
}

/** Region studies need the caller's upload claim, or an existing share the caller can see. */
async function mayTakeFromRegion(db: Db, region: Upstream, study: string): Promise<boolean> {
  const { rowCount } = await db.query(
    `SELECT 1 FROM pacs_uploads WHERE pacs_endpoint_id = $1 AND study_instance_uid = $2
     UNION ALL
     SELECT 1 FROM shared_studies WHERE pacs_endpoint_id = $1 AND study_instance_uid = $2`,
    [region.endpointId, study],
  );
  return (rowCount ?? 0) > 0;
}

export async function locateStudy(ctx: BridgeContext, db: Db, study: string): Promise<Upstream> {
  const own = await ownEndpoint(db, ctx.services.crypto);
  const foreign = await foreignStudies(db, [study]);
  if (own && !foreign.has(study) && (await existsIn(own, study))) return own;
  const region = await regionEndpoint(db, ctx.services.crypto);
  if (region && (await mayTakeFromRegion(db, region, study)) && (await existsIn(region, study)))
    return region;
  throw NotFound('study');
}
