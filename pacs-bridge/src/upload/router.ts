// POST /api/pacs/upload: a browser sends DICOM files (no PACS at the clinic); they stream into the
// region's PACS and the answer names the studies, ready to attach to a referral.
// This router must come before referral-api's JSON-only guard on /api (see createPacsBridge).
import type { UploadResult } from '@tiered-care/common';
import express, { type Request, type Response, type Router } from 'express';
import type { z } from 'zod';
import type { BridgeContext } from '../context';
import { authenticate, errorHandler } from '@tiered-care/platform';
import { closeUnread, receiveUpload } from './receive';

export const UPLOAD_PATH = '/api/pacs/upload';

export function uploadRouter(ctx: BridgeContext): Router {
  const router = express.Router();
  router.post(UPLOAD_PATH, async (req: Request, res: Response) => {
    let actor;
    try {
      actor = await authenticate(req, ctx.services.tokens);
    } catch (err) {
      closeUnread(req, res);
      throw err;
    }
    const result = await receiveUpload(ctx, actor, req, res);
    if (!result) return;
    // Not a route(): typed by the same schema in common/ the client reads it with.
    const body: z.input<typeof UploadResult> = {
      studyInstanceUids: result.studyInstanceUids,
      stored: result.stored,
      failed: result.failed,
    };
    res.status(201).json(body);
  });
  // Mounted outside the API's router, so it carries the API's error handler for the one error shape.
  router.use(errorHandler(ctx.log));
  return router;
}
