// Everything the bridge takes from referral-api, in one place. referral-api's package exports
// only its entry point, so these are source paths; when it exports subpaths, only this file changes.
export { createApp, createServices, type HealthCheck, type Services } from '@tiered-care/referral-api';
export { audit } from '../../referral-api/src/audit/audit';
export { assertParticipant, notifyParticipants } from '../../referral-api/src/consultations/access';
export type { Actor } from '../../referral-api/src/db/context';
export { DEMO_CONSULTATION, DEMO_PATIENTS } from '@tiered-care/referral-api';
export { hasRole } from '../../referral-api/src/db/context';
export { withActor, type Db } from '../../referral-api/src/db/tx';
export {
  AppError,
  Conflict,
  Forbidden,
  Invalid,
  NotFound,
  PatientAccessEnded,
  Unauthenticated,
} from '../../referral-api/src/errors';
export { inTx } from '../../referral-api/src/http/handlers';
export { errorBody, errorHandler } from '../../referral-api/src/http/errorHandler';
export { IdParams, mountRoutes, Reply, route, type Route } from '../../referral-api/src/http/route';
export type { DataCrypto } from '../../referral-api/src/signing/dataCrypto';
