import express, { type Express } from 'express';
import { auditRoutes } from './audit/routes';
import { authRoutes } from './auth/routes';
import { consultationRoutes } from './consultations/routes';
import { diagnosisRoutes } from './diagnosis/routes';
import { compressText } from './http/compression';
import {
  errorBody,
  errorHandler,
  mountRoutes,
  notFoundHandler,
  openApiDocument,
  securityHeaders,
} from '@tiered-care/platform';
import type { Route } from './http/apiRoute';
import { institutionRoutes } from './institutions/routes';
import { patientRoutes } from './patients/routes';
import { referralRoutes } from './referrals/routes';
import type { Services } from './services';
import { slotRoutes } from './slots/routes';
import { statsRoutes } from './stats/routes';
import { adminUserRoutes } from './users/adminRoutes';

export const API_VERSION = '0.1.0';

export const routes: Route[] = [
  ...authRoutes,
  ...institutionRoutes,
  ...patientRoutes,
  ...referralRoutes,
  ...slotRoutes,
  ...statsRoutes,
  ...auditRoutes,
  ...consultationRoutes,
  ...diagnosisRoutes,
  ...adminUserRoutes,
];

/** A readiness probe of one part of the system (database, PACS, media server…). */
export type HealthCheck = () => Promise<{ name: string; ok: boolean; detail?: string }>;

export interface AppOptions {
  /** Extra readiness checks for parts hosted beside the API. */
  health?: HealthCheck[];
  /** Routes of parts hosted beside the API (mounted and documented like its own). */
  routes?: Route[];
  /** Mounted ahead of the API's JSON-only body handling (uploads of DICOM files). */
  beforeApi?: (app: Express) => void;
  trustProxy?: number;
  /**
   * Send the content security policy as report-only: browser-test drivers evaluate code in the
   * page, which the enforced policy forbids. Production always enforces it.
   */
  cspReportOnly?: boolean;
  /** Mounted before the API's not-found handler (web client, other parts' routers). */
  extend?: (app: Express) => void;
  /** Check every JSON success body against its route's response schema (CHECK_RESPONSES). */
  checkResponses?: boolean;
}

export function createApp(services: Services, options: AppOptions = {}): Express {
  const app = express();
  const log = services.log.child({ module: 'http' });
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy ?? 0);
  // Clinic links are 1-10 Mbit/s shared by the whole clinic: gzip JSON and the web client.
  // Only compressible types, and not at all for answers asked as binary (DICOM frames, images).
  app.use(compressText());
  app.use((req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      log.debug(
        { method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10 },
        'request',
      );
    });
    next();
  });
  app.use(securityHeaders({ reportOnly: options.cspReportOnly ?? false }));
  options.beforeApi?.(app);
  // A body in any other format is refused outright rather than validated as if it were empty.
  app.use('/api', (req, res, next) => {
    const hasBody =
      Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
    if (hasBody && !req.is(['application/json', 'application/*+json'])) {
      res.status(415).json(errorBody('unsupported_media_type', 'send the request body as application/json'));
      return;
    }
    next();
  });
  app.use(
    '/api',
    express.json({ limit: '256kb', strict: true, type: ['application/json', 'application/*+json'] }),
  );

  const checks: HealthCheck[] = [
    async () => {
      await services.pool.query('SELECT 1');
      return { name: 'database', ok: true };
    },
    ...(options.health ?? []),
  ];
  app.get('/healthz', async (_req, res) => {
    // Each check answers within its own bound, and a failure says which part, never why: the
    // error text would tell an outsider about the internals.
    const results = await Promise.all(
      checks.map((check, i) =>
        withTimeout(check(), HEALTH_CHECK_MS).catch((err: unknown) => {
          log.warn({ err }, 'health check failed');
          return { name: i === 0 ? 'database' : `check-${i}`, ok: false };
        }),
      ),
    );
    const ok = results.every((r) => r.ok);
    res.status(ok ? 200 : 503).json({ ok, parts: results });
  });

  const allRoutes = [...routes, ...(options.routes ?? [])];
  const openapi = openApiDocument(allRoutes, API_VERSION);
  app.get('/api/openapi.json', (_req, res) => res.json(openapi));

  const router = express.Router();
  mountRoutes(router, allRoutes, services, { checkResponses: options.checkResponses ?? false });
  app.use(router);
  options.extend?.(app);
  app.use('/api', notFoundHandler);
  app.use(errorHandler(log));
  app.use((_req, res) => res.status(404).json(errorBody('route_not_found', 'not found')));
  return app;
}

const HEALTH_CHECK_MS = 2_000;

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
