// referral-api's entry: only what other parts, scripts and tests use. What every server part
// shares (errors, route(), transactions, audit, encryption) comes from @tiered-care/platform.

// Running the API: configuration, its services, the express app, its schema and demo data
// (scripts/start.ts, the test kit).
export { createApp } from './app';
export { checkResponses, loadConfig, previousDataKeys } from './config';
export { createServices } from './createServices';
export type { Services } from './services';
export { assertRlsApplies } from './db/rls';
export { migrate } from './db/migrate';
export { seedDemo } from './demo/seed';

// Printable documents in the same font and hand (pacs-bridge's diagnosis report PDF).
export { assertFont, CJK_FACE, CJK_FONT_PATH, collectPdf } from './pdf';
export { shanghaiTime } from './referrals/slip';

// The demo data other parts' demo and tests build on (pacs-bridge's demo studies).
export { DEMO_CONSULTATION, PATIENTS as DEMO_PATIENTS } from './demo/data';

// Rotating DATA_KEY (scripts/rotateDataKey.ts).
export { pendingRotation, rotateDataKey } from './signing/rotation';

// Consultations as the other parts act on them: signaling's consult rooms, pacs-bridge's shared
// studies (participants only, and the participants told of a change).
export * as consultations from './consultations';
export { assertParticipant, notifyParticipants } from './consultations/access';

// Remote diagnosis as pacs-bridge uses it: the report PDF reads the request as its caller sees it;
// the store-back worker claims final report versions and records where they went.
export {
  claimReportsToStore,
  loadDiagnosisRequest,
  recordReportStored,
  recordReportStoreFailed,
  STORE_LEASE_SECONDS,
  type ReportToStore,
} from './diagnosis';
