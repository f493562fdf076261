// Receiving an upload (POST /api/pacs/upload and STOW-RS alike). Everything that can refuse it
// without reading the body does so first: who is asking (the caller authenticated already), the
// role, the media type, the announced length, the user's running uploads and hourly bytes. A refused upload is
// answered at once, and the connection is then closed instead of drained, so a client that
// announced 500 MB doesn't get to send them into the void.
import type { Request, Response } from 'express';
import type { BridgeContext } from '../context';
import { errorBody, Forbidden, hasRole, type Actor } from '@tiered-care/platform';
import { declaredLength, dicomFiles, tooLarge, uploadShape } from './body';
import { storeUpload, type UploadResult } from './store';

/** How long a refused uploader has to read the answer before its connection is cut. */
const REFUSED_GRACE_MS = 1000;

/**
 * Call when refusing: if the request body was not read to its end, the answer carries
 * `Connection: close` and the socket is destroyed shortly after it is sent (Node would
 * otherwise read and discard the rest of the body to keep the connection).
 */
export function closeUnread(req: Request, res: Response): void {
  if (req.complete || res.headersSent) return;
  res.setHeader('Connection', 'close');
  // Taken now: once the answer is sent the response lets go of it (null: the client is gone).
  const socket = res.socket;
  res.once('finish', () => setTimeout(() => socket?.destroy(), REFUSED_GRACE_MS).unref());
}

export function unsupportedMediaType(req: Request, res: Response): void {
  closeUnread(req, res);
  res
    .status(415)
    .json(
      errorBody(
        'unsupported_media_type',
        'send application/dicom, or multipart/related; type="application/dicom" with a boundary',
      ),
    );
}

/** The stored upload, or null when it was answered already (415). */
export async function receiveUpload(
  ctx: BridgeContext,
  actor: Actor,
  req: Request,
  res: Response,
): Promise<UploadResult | null> {
  try {
    if (!actor.institutionId || !hasRole(actor, 'doctor', 'specialist', 'coordinator')) {
      throw Forbidden('upload_not_allowed', 'only clinical staff of an institution upload images');
    }
    const shape = uploadShape(req.headers['content-type']);
    if (!shape) {
      unsupportedMediaType(req, res);
      return null;
    }
    if (declaredLength(req) > ctx.uploadLimitBytes) throw tooLarge();
    ctx.uploadBudget.check(actor.userId);
    const release = ctx.uploadSlots.acquire(actor.userId);
    try {
      const count = (bytes: number) => ctx.uploadBudget.spend(actor.userId, bytes);
      return await storeUpload(ctx, actor, dicomFiles(req, shape, ctx.uploadLimitBytes, count));
    } finally {
      release();
    }
  } catch (err) {
    closeUnread(req, res);
    throw err;
  }
}
