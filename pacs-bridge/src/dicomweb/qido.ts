// QIDO-RS. Study search has two faces: by StudyInstanceUID it finds studies shared with the
// caller (any PACS); by patient it searches only the caller's own institution's PACS, so a
// doctor can find images to attach. Series and instance searches need a shared study.
import type { Request, Response } from 'express';
import { openStudy } from '../access/studyAccess';
import type { BridgeContext } from '../context';
import { str, type DicomJson } from '@tiered-care/common/dicomJson';
import { TAG } from '../dicom/tags';
import { isUid } from '../dicom/part10';
import { ownEndpoint, type Upstream } from '../pacs/endpoints';
import { fetchDicomJson } from '../pacs/upstream';
import { AppError, audit, hasRole, NotFound, withActor, type Actor } from '@tiered-care/platform';
import { optionalUid, pagedQuery, uid, withQuery } from './params';
import { privateResponse } from './privateResponse';
import { rewriteUrls } from './rewrite';
import { bridgeRoot } from './root';

const STUDY_UID_KEYS = ['StudyInstanceUID', TAG.StudyInstanceUID];
const PATIENT_KEYS = ['PatientID', TAG.PatientID, 'PatientName', TAG.PatientName];
/** What a patient search may send on to the institution's PACS. */
const PATIENT_SEARCH_KEYS = new Set(
  [...PATIENT_KEYS, 'StudyDate', TAG.StudyDate, 'ModalitiesInStudy', TAG.ModalitiesInStudy]
    .concat(['limit', 'offset', 'includefield'])
    .map((k) => k.toLowerCase()),
);
const MAX_UIDS = 50;

function send(
  ctx: BridgeContext,
  req: Request,
  res: Response,
  up: Upstream,
  found: DicomJson[],
  study: string | null,
): void {
  privateResponse(res);
  res
    .status(200)
    .type('application/dicom+json')
    .send(JSON.stringify(rewriteUrls(found, up.baseUrl, bridgeRoot(ctx, req), study)));
}

function requestedStudies(params: URLSearchParams): string[] {
  const uids = STUDY_UID_KEYS.flatMap((k) => params.getAll(k)).flatMap((v) => v.split(/[,\\]/));
  return [...new Set(uids.map((u) => u.trim()).filter(Boolean))];
}

export async function searchStudies(ctx: BridgeContext, actor: Actor, req: Request, res: Response) {
  const params = pagedQuery(req);
  const uids = requestedStudies(params);
  if (uids.length > 0) {
    if (uids.length > MAX_UIDS || !uids.every(isUid)) throw NotFound('study');
    const rest = pagedQuery(req, STUDY_UID_KEYS);
    const results: { up: Upstream; study: string; found: DicomJson[] }[] = [];
    for (const study of uids) {
      const up = await openStudy(ctx, actor, { kind: 'qido', study }).catch(notFoundAsNull);
      if (!up) continue;
      rest.set('StudyInstanceUID', study);
      results.push({ up, study, found: await fetchDicomJson(up, withQuery('/studies', rest)) });
    }
    if (results.length === 0) throw NotFound('study');
    const root = bridgeRoot(ctx, req);
    const merged = results.flatMap((r) => rewriteUrls(r.found, r.up.baseUrl, root, r.study));
    privateResponse(res);
    res.status(200).type('application/dicom+json').send(JSON.stringify(merged));
    return;
  }
  await searchOwnPacs(ctx, actor, req, res, params);
}

/** Studies the caller can't see are left out of a multi-study search, like non-matches. */
function notFoundAsNull(err: unknown): null {
  if (err instanceof AppError && err.kind === 'not_found') return null;
  throw err;
}

function meaningful(v: string): boolean {
  return v.replace(/[*?]/g, '').trim().length >= 2;
}

async function searchOwnPacs(
  ctx: BridgeContext,
  actor: Actor,
  req: Request,
  res: Response,
  params: URLSearchParams,
) {
  const patientValues = PATIENT_KEYS.flatMap((k) => params.getAll(k));
  // A bare wildcard would list the whole archive; a search names a patient.
  if (!patientValues.some(meaningful)) throw NotFound('study');
  if (!hasRole(actor, 'doctor', 'specialist', 'coordinator')) throw NotFound('study');
  for (const key of params.keys()) if (!PATIENT_SEARCH_KEYS.has(key.toLowerCase())) params.delete(key);
  const own = await withActor(ctx.services.pool, actor, (db) => ownEndpoint(db, ctx.services.crypto));
  if (!own) throw NotFound('study');
  // Asked outside any transaction (a hung archive must not hold a database connection); the
  // audit row, naming what was found, is written before the answer goes out.
  const found = await fetchDicomJson(own, withQuery('/studies', params));
  await withActor(ctx.services.pool, actor, (db) =>
    audit(db, actor, {
      action: 'pacs.search',
      entityType: 'patient',
      details: {
        keys: [...new Set(params.keys())],
        studyInstanceUids: found.map((m) => str(m, TAG.StudyInstanceUID)),
        pacsEndpointId: own.endpointId,
      },
    }),
  );
  send(ctx, req, res, own, found, null);
}

/** /studies/:study/series and …/instances: only inside a shared study. */
export async function searchInside(ctx: BridgeContext, actor: Actor, req: Request, res: Response) {
  const study = uid(req, 'study');
  const series = optionalUid(req, 'series');
  const up = await openStudy(ctx, actor, { kind: 'qido', study, ...(series ? { series } : {}) });
  const tail = req.path.endsWith('/series') ? '/series' : '/instances';
  const base = series ? `/studies/${study}/series/${series}` : `/studies/${study}`;
  const params = pagedQuery(req, STUDY_UID_KEYS);
  send(ctx, req, res, up, await fetchDicomJson(up, withQuery(base + tail, params)), study);
}
