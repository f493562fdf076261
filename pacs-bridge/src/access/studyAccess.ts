// The one access rule for reading images: a study may be read only when it is shared to a
// referral the caller can see, or to a consultation the caller takes part in (or to the referral
// such a consultation is about), or sent for a diagnosis to a reading centre the caller reads for
// (or by the caller's institution), and only what the archive places in that study (hierarchy.ts).
// The database decides (pacs_study_source); the archive is asked outside any transaction; then
// the audit row is written, before anything is served, so an unaudited read can't happen and a
// refused one leaves no row. Concurrent first requests of one user for one study (a viewer's
// burst of frame requests) share one database check.
import { shareInFlight } from '@tiered-care/common/createOnce';
import type { BridgeContext } from '../context';
import { studySource, type StudySource } from '../pacs/endpoints';
import { audit, NotFound, withActor, type Actor, type AuditEntry } from '@tiered-care/platform';

export type RetrievalKind = 'qido' | 'metadata' | 'frames' | 'bulkdata' | 'rendered' | 'retrieve' | 'ecg';

export interface Retrieval {
  kind: RetrievalKind;
  study: string;
  series?: string;
  instance?: string;
  frames?: string;
}

/** What the audit row is about: the referral, consultation or diagnosis request that granted it. */
function grantedThrough(source: StudySource): Pick<AuditEntry, 'entityType' | 'entityId'> {
  if (source.consultationId) return { entityType: 'consultation', entityId: source.consultationId };
  if (source.diagnosisRequestId)
    return { entityType: 'diagnosis_request', entityId: source.diagnosisRequestId };
  return { entityType: 'referral', entityId: source.referralId };
}

async function grantedSource(
  ctx: BridgeContext,
  actor: Actor,
  study: string,
  cacheKey: string,
): Promise<StudySource> {
  const source = await withActor(ctx.services.pool, actor, (db) =>
    studySource(db, ctx.services.crypto, study),
  );
  if (!source) throw NotFound('study');
  // Kept at once, not after the archive check and the audit row: requests arriving meanwhile use it.
  ctx.decisions.set(cacheKey, source);
  return source;
}

export async function openStudy(ctx: BridgeContext, actor: Actor, r: Retrieval): Promise<StudySource> {
  const key = [actor.userId, r.study, r.series ?? '', r.kind].join('|');
  const firstInWindow = ctx.bursts.open(key);
  const cacheKey = `${actor.userId}|${r.study}`;
  try {
    const cached = firstInWindow ? undefined : ctx.decisions.get(cacheKey);
    const source =
      cached ??
      (await shareInFlight(ctx.grants, cacheKey, () => grantedSource(ctx, actor, r.study, cacheKey)));
    await ctx.hierarchies.verify(source, r);
    if (firstInWindow) {
      await withActor(ctx.services.pool, actor, (db) =>
        audit(db, actor, {
          action: `pacs.${r.kind}`,
          ...grantedThrough(source),
          referralId: source.referralId,
          patientId: source.patientId,
          details: {
            consultationId: source.consultationId,
            diagnosisRequestId: source.diagnosisRequestId,
            studyInstanceUid: r.study,
            seriesInstanceUid: r.series ?? null,
            sopInstanceUid: r.instance ?? null,
            frames: r.frames ?? null,
            pacsEndpointId: source.endpointId,
          },
        }),
      );
    }
    if (!cached) {
      ctx.log.debug(
        { userId: actor.userId, referralId: source.referralId, consultId: source.consultationId, ...r },
        'pacs retrieval',
      );
    }
    return source;
  } catch (err) {
    if (firstInWindow) ctx.bursts.forget(key);
    throw err;
  }
}
