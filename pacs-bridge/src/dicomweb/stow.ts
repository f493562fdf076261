// STOW-RS (POST /dicom-web/studies): the same upload as POST /api/pacs/upload, answered the
// DICOMweb way with a store response whose URLs point at the bridge.
import type { Request, Response } from 'express';
import type { BridgeContext } from '../context';
import type { Actor } from '@tiered-care/platform';
import { receiveUpload } from '../upload/receive';
import { privateResponse } from './privateResponse';
import { rewriteUrls } from './rewrite';
import { bridgeRoot } from './root';

export async function stow(ctx: BridgeContext, actor: Actor, req: Request, res: Response) {
  const result = await receiveUpload(ctx, actor, req, res);
  if (!result) return;
  const [response] = rewriteUrls(
    [result.response],
    result.upstream.baseUrl,
    bridgeRoot(ctx, req),
    result.studyInstanceUids,
  );
  privateResponse(res);
  res
    .status(result.failed > 0 ? 202 : 200)
    .type('application/dicom+json')
    .send(JSON.stringify(response));
}
