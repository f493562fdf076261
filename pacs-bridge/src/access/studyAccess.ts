// The one access rule for reading images: a study may be read only when it is shared to a
// referral the caller can see, or to a consultation the caller takes part in (or to the referral
// such a consultation is about). The database decides (pacs_study_source), in the caller's
// transaction, together with the audit row, so an unaudited read can't happen.
import type { BridgeContext } from '../context';
import { studySource, type StudySource } from '../pacs/endpoints';
import { audit, NotFound, withActor, type Actor } from '../platform';

export type RetrievalKind = 'qido' | 'metadata' | 'frames' | 'bulkdata' | 'rendered' | 'retrieve' | 'ecg';

export interface Retrieval {
  kind: RetrievalKind;
  study: string;
  series?: string;
  instance?: string;
  frames?: string;
}

export async function openStudy(ctx: BridgeContext, actor: Actor, r: Retrieval): Promise<StudySource> {
  const key = [actor.userId, r.study, r.series ?? '', r.kind].join('|');
  const firstInWindow = ctx.bursts.open(key);
  const cacheKey = `${actor.userId}|${r.study}`;
  const cached = firstInWindow ? undefined : ctx.decisions.get(cacheKey);
  if (cached) return cached;
  try {
    const source = await withActor(ctx.services.pool, actor, async (db) => {
      const found = await studySource(db, ctx.services.crypto, r.study);
      if (!found) throw NotFound('study');
      if (firstInWindow) {
        await audit(db, actor, {
          action: `pacs.${r.kind}`,
          entityType: found.consultationId ? 'consultation' : 'referral',
          entityId: found.consultationId ?? found.referralId,
          referralId: found.referralId,
          patientId: found.patientId,
          details: {
            consultationId: found.consultationId,
            studyInstanceUid: r.study,
            seriesInstanceUid: r.series ?? null,
            sopInstanceUid: r.instance ?? null,
            frames: r.frames ?? null,
            pacsEndpointId: found.endpointId,
          },
        });
      }
      return found;
    });
    ctx.log.debug(
      { userId: actor.userId, referralId: source.referralId, consultId: source.consultationId, ...r },
      'pacs retrieval',
    );
    ctx.decisions.set(cacheKey, source);
    return source;
  } catch (err) {
    if (firstInWindow) ctx.bursts.forget(key);
    throw err;
  }
}
