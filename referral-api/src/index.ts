export { createApp, routes, type HealthCheck } from './app';
export { checkResponses, loadConfig, previousDataKeys, type Config } from './config';
export { createServices } from './createServices';
export { assertRlsApplies, createPool } from './db/pool';
export { migrate } from './db/migrate';
export { seedDemo } from './demo/seed';
export { DEMO_CONSULTATION, PATIENTS as DEMO_PATIENTS } from './demo/data';
export { DataCrypto } from './signing/dataCrypto';
export { pendingRotation, rotateDataKey } from './signing/rotation';
export { NOTIFY_CHANNEL } from './referrals/history';
export type { Services } from './services';
// What signaling needs to act for a socket's user with the same rules as an HTTP request.
export { withActor } from './db/tx';
export type { Actor } from './db/context';
export { AppError } from './errors';
export { errorBody, zodDetails } from './http/errorHandler';
export * as consultations from './consultations';
export type { TokenSubject } from './auth/tokens';
