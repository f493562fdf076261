// Where a study to be shared comes from: the caller's own institution's PACS, or the region's
// (only studies the caller's institution uploaded there, or that are already shared with it).
import type { BridgeContext } from '../context';
import { pacsClient } from '../pacs/client';
import { ownEndpoint, regionEndpoint, type Upstream } from '../pacs/endpoints';
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

/**
 * The archives a study may be taken from, in order (database only, inside the caller's
 * transaction): the caller's own PACS (never the region archive: one archive has one owner,
 * migration 016), then the region's if the caller's institution uploaded it or it is already
 * shared with them.
 */
export async function sourceCandidates(ctx: BridgeContext, db: Db, study: string): Promise<Upstream[]> {
  const out: Upstream[] = [];
  const own = await ownEndpoint(db, ctx.services.crypto);
  if (own) out.push(own);
  const region = await regionEndpoint(db, ctx.services.crypto);
  if (region && (await mayTakeFromRegion(db, region, study))) out.push(region);
  return out;
}

/** The first candidate archive that holds the study; asked outside any transaction. */
export async function pickSource(candidates: Upstream[], study: string): Promise<Upstream> {
  for (const up of candidates) if (await existsIn(up, study)) return up;
  throw NotFound('study');
}
