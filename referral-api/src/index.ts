export { createApp, routes, type HealthCheck } from './app';
export { loadConfig, type Config } from './config';
export { createServices } from './createServices';
export { assertRlsApplies } from './db/pool';
export { migrate } from './db/migrate';
export { seedDemo } from './demo/seed';
export { NOTIFY_CHANNEL } from './referrals/history';
export type { Services } from './services';
