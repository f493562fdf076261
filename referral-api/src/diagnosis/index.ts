// What other parts use: pacs-bridge's report PDF (the request as its caller sees it) and its
// store-back worker (final versions to put into the study).
export { loadDiagnosisRequest } from './read';
export {
  claimReportsToStore,
  recordReportStored,
  recordReportStoreFailed,
  STORE_LEASE_SECONDS,
  type ReportToStore,
} from './storeBack';
