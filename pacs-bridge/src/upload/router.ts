// POST /api/pacs/upload: a browser sends DICOM files (no PACS at the clinic); they land in the
// region's PACS and the answer names the studies, ready to attach to a referral.
// This router must come before referral-api's JSON-only guard on /api (see createPacsBridge).
import express, { type Request, type Response, type Router } from 'express';
import type { BridgeContext } from '../context';
import { actorOf } from '../dicomweb/auth';
import { errorBody, errorHandler } from '../platform';
import { readDicomFiles, UnsupportedMediaType } from './body';
import { storeUpload } from './store';

export const UPLOAD_PATH = '/api/pacs/upload';

export function unsupportedMediaType(res: Response): void {
  res
    .status(415)
    .json(
      errorBody(
        'unsupported_media_type',
        'send application/dicom, or multipart/related; type="application/dicom" with a boundary',
      ),
    );
}

export function uploadRouter(ctx: BridgeContext): Router {
  const router = express.Router();
  router.post(UPLOAD_PATH, async (req: Request, res: Response) => {
    const actor = await actorOf(req, ctx.services);
    let files: Buffer[];
    try {
      files = await readDicomFiles(req, ctx.uploadLimitBytes);
    } catch (err) {
      if (err instanceof UnsupportedMediaType) return unsupportedMediaType(res);
      throw err;
    }
    const result = await storeUpload(ctx, actor, files);
    res.status(201).json({
      studyInstanceUids: result.studyInstanceUids,
      stored: result.stored,
      failed: result.failed,
    });
  });
  // Mounted outside the API's router, so it carries the API's error handler for the one error shape.
  router.use(errorHandler(ctx.log));
  return router;
}
