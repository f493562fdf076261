// Assembles the bridge for a host process: the DICOMweb router, the API routes (attach, list,
// ECG) and the upload router, all sharing one context.
import type { Express, Router } from 'express';
import { AuditBursts } from './access/bursts';
import { AccessDecisions } from './access/decisions';
import { StudyHierarchies } from './access/hierarchy';
import { SeriesReadAhead } from './cache/readAhead';
import { ResponseCache } from './cache/responseCache';
import { DICOMWEB_MOUNT, type BridgeContext, type PacsBridgeOptions } from './context';
import { reportRoutes } from './diagnosis/reportRoute';
import { StoreBack } from './diagnosis/storeBack';
import { dicomWebRouter } from './dicomweb/router';
import { ecgRoutes } from './ecg/routes';
import type { Route } from '@tiered-care/platform';
import type { Services } from '@tiered-care/referral-api';
import { studyRoutes } from './studies/routes';
import { uploadRouter } from './upload/router';
import { UploadBudget, UploadSlots } from './upload/slots';

export interface PacsBridge {
  /** Spread into createApp's options: API routes, the upload ahead of the JSON guard, /dicom-web. */
  appOptions: { routes: Route[]; beforeApi: (app: Express) => void; extend: (app: Express) => void };
  /**
   * POST /api/pacs/upload. Must be mounted before referral-api's JSON-only guard on /api,
   * which refuses DICOM bodies with 415.
   */
  uploadRouter: Router;
  /** The JSON API routes, in referral-api's route format (for its OpenAPI document too). */
  routes: Route[];
  dicomWebRouter: Router;
  /** Stops the report store-back worker (waits for the round in flight); call before ending the pool. */
  close: () => Promise<void>;
}

const DEFAULT_CACHE_BYTES = 256 * 1024 ** 2;

export function createPacsBridge(services: Services, options: PacsBridgeOptions = {}): PacsBridge {
  const log = services.log.child({ module: 'pacs-bridge' });
  const ctx: BridgeContext = {
    services,
    log,
    bursts: new AuditBursts(options.auditBurstMs ?? 60_000),
    decisions: new AccessDecisions(options.accessCacheMs ?? 5_000),
    hierarchies: new StudyHierarchies(options.hierarchyCacheMs ?? 30_000, {
      onTwoPatients: (pacsEndpointId, studyInstanceUid) =>
        log.warn(
          { pacsEndpointId, studyInstanceUid },
          'study UID names more than one patient in the archive: refused',
        ),
    }),
    grants: new Map(),
    cache: options.cache ?? new ResponseCache({ maxBytes: options.cacheBytes ?? DEFAULT_CACHE_BYTES }),
    readAhead: new SeriesReadAhead({
      maxFrames: options.seriesReadAhead ?? 1000,
      onError: (err) => log.debug({ err }, 'series read-ahead: a frame was not read'),
    }),
    corsOrigins: options.corsOrigins ?? '*',
    publicBaseUrl: options.publicBaseUrl ?? null,
    uploadLimitBytes: options.uploadLimitBytes ?? 1024 * 1024 * 1024,
    uploadSlots: new UploadSlots(options.uploadsPerUser ?? 2),
    uploadBudget: new UploadBudget(
      options.uploadBytesPerHour === undefined ? 20 * 1024 ** 3 : options.uploadBytesPerHour,
    ),
  };
  const routes = [...studyRoutes(ctx), ...ecgRoutes(ctx), ...reportRoutes(ctx)];
  const dicomWeb = dicomWebRouter(ctx);
  const upload = uploadRouter(ctx);
  const pollMs = options.reportStorePollMs === undefined ? 5_000 : options.reportStorePollMs;
  const storeBack = pollMs === null ? null : new StoreBack(ctx, pollMs);
  storeBack?.start();
  return {
    close: async () => {
      await storeBack?.stop();
    },
    routes,
    dicomWebRouter: dicomWeb,
    uploadRouter: upload,
    appOptions: {
      routes,
      beforeApi: (app) => app.use(upload),
      extend: (app) => app.use(DICOMWEB_MOUNT, dicomWeb),
    },
  };
}
