// The platform's one entry: what every server part (referral-api, signaling, pacs-bridge) uses.

// Typed errors the domain throws, and the one error shape they become.
export {
  AppError,
  Conflict,
  Forbidden,
  Invalid,
  NotFound,
  PatientAccessEnded,
  TooMany,
  Unauthenticated,
  type ErrorKind,
} from './errors/errors';

// HTTP: routes as data, mounted and documented from one list; the central error handler.
export {
  errorBody,
  errorHandler,
  isDatabaseUnavailable,
  notFoundHandler,
  zodDetails,
} from './http/errorHandler';
export { authenticate } from './http/authenticate';
export { inTx } from './http/handlers';
export { openApiDocument } from './http/openapi';
export {
  defineRoutes,
  IdParams,
  mountRoutes,
  Reply,
  route,
  type HandlerContext,
  type Method,
  type Route,
  type RouteOptions,
} from './http/route';
export { CONTENT_SECURITY_POLICY, securityHeaders } from './http/securityHeaders';
export type { PlatformServices } from './http/services';

// Who is asking: the request context every transaction carries, and how a token names them.
export { hasRole, type Actor } from './db/context';
export type { TokenSubject, TokenVerifier } from './auth/tokenVerifier';

// PostgreSQL: the pool, transactions as the caller (row-level security), the migration runner.
export { createPool, POOL_LIMITS, type PoolSettings } from './db/pool';
export { notifyAfterCommit, setCareAccessDays, withActor, withAnonymous, type Db } from './db/tx';
export {
  listen,
  liveEvent,
  LISTEN_APPLICATION_NAME,
  type ListenHandlers,
  type ListenOptions,
  type LiveEvent,
  type PgListener,
} from './db/liveEvents';
export { runMigrations, type MigrationResult } from './db/migrate';

// The audit trail, written in the caller's transaction.
export { audit, AUDIT_COLUMNS, auditList, auditRowValues, type AuditEntry } from './audit/audit';

// Field encryption under DATA_KEY (with rotation) and per-user Ed25519 signatures.
export { DataCrypto } from './crypto/dataCrypto';
export {
  canonicalJson,
  newSigningKey,
  signPayload,
  verifyPayload,
  type SigningKeyPair,
} from './crypto/signatures';

// Configuration from the environment, and structured logs.
export { commaList, parseEnv } from './config/env';
export { createLogger } from './log/logger';
