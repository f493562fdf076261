// The DICOMweb root of the bridge (mounted at /dicom-web): CORS, bearer authentication, then
// one line per resource. Unknown paths fall through to the app's not-found handler.
import express, { type Request, type Response, type Router } from 'express';
import type { BridgeContext } from '../context';
import { authenticate, type Actor } from '@tiered-care/platform';
import { cors } from './cors';
import { searchInside, searchStudies } from './qido';
import { stow } from './stow';
import { rendered } from '../render/route';
import { metadata, streamed } from './wado';

type Handler = (ctx: BridgeContext, actor: Actor, req: Request, res: Response) => Promise<void>;

const STUDY = '/studies/:study';
const SERIES = `${STUDY}/series/:series`;
const INSTANCE = `${SERIES}/instances/:instance`;

export function dicomWebRouter(ctx: BridgeContext): Router {
  const router = express.Router();
  router.use(cors(ctx.corsOrigins));
  const h = (handler: Handler) => async (req: Request, res: Response) => {
    // The same bearer tokens as the API, checked by the API's own Tokens service.
    const actor = await authenticate(req, ctx.services.tokens);
    await handler(ctx, actor, req, res);
  };
  router.get('/studies', h(searchStudies));
  router.post('/studies', h(stow));
  router.get(`${STUDY}/series`, h(searchInside));
  router.get(`${STUDY}/instances`, h(searchInside));
  router.get(`${SERIES}/instances`, h(searchInside));
  router.get(`${STUDY}/metadata`, h(metadata));
  router.get(`${SERIES}/metadata`, h(metadata));
  router.get(`${INSTANCE}/metadata`, h(metadata));
  router.get(`${INSTANCE}/frames/:frames`, h(streamed('frames')));
  router.get(`${INSTANCE}/frames/:frames/rendered`, h(rendered));
  router.get(`${INSTANCE}/rendered`, h(rendered));
  router.get(`${SERIES}/rendered`, h(rendered));
  router.get(`${INSTANCE}/bulk/*path`, h(streamed('bulkdata')));
  router.get(STUDY, h(streamed('retrieve')));
  router.get(SERIES, h(streamed('retrieve')));
  router.get(INSTANCE, h(streamed('retrieve')));
  return router;
}
