// Where a study to be shared comes from: the caller's own institution's PACS, or the region's
// (only studies the caller's institution uploaded there, or that are already shared with it).
import type { BridgeContext } from '../context';
import { pacsClient } from '../pacs/client';
import { str } from '@tiered-care/common/dicomJson';
import { TAG } from '../dicom/tags';
import { ownEndpoint, regionEndpoint, type Upstream } from '../pacs/endpoints';
import { NotFound, type Db } from '@tiered-care/platform';

export interface Located {
  source: Upstream;
  /** The study's PatientID (0010,0020) as the archive has it, or null when it has none. */
  dicomPatientId: string | null;
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

/** The first candidate archive that holds the study, with its PatientID; asked outside any transaction. */
export async function pickSource(candidates: Upstream[], study: string): Promise<Located> {
  for (const up of candidates) {
    const [found] = await pacsClient(up).searchStudies({ StudyInstanceUID: study });
    if (found) return { source: up, dicomPatientId: str(found, TAG.PatientID) };
  }
  throw NotFound('study');
}
