// STOW-RS (POST /dicom-web/studies): the same upload as POST /api/pacs/upload, answered the
// DICOMweb way with the PACS's store response, its URLs pointing at the bridge.
import type { Request, Response } from 'express';
import type { BridgeContext } from '../context';
import type { Actor } from '../platform';
import { readDicomFiles, UnsupportedMediaType } from '../upload/body';
import { unsupportedMediaType } from '../upload/router';
import { storeUpload } from '../upload/store';
import { privateResponse } from './passthrough';
import { rewriteUrls } from './rewrite';
import { bridgeRoot } from './root';

export async function stow(ctx: BridgeContext, actor: Actor, req: Request, res: Response) {
  let files: Buffer[];
  try {
    files = await readDicomFiles(req, ctx.uploadLimitBytes);
  } catch (err) {
    if (err instanceof UnsupportedMediaType) return unsupportedMediaType(res);
    throw err;
  }
  const result = await storeUpload(ctx, actor, files);
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
