// @tiered-care/testkit/harness: the real app (API and signaling) on a fresh copy of a migrated,
// seeded template database, and the API steps tests share.
export {
  actorOf,
  createConsultation,
  demoActors,
  demoReferralId,
  inHours,
  scheduledConsultation,
  userIdsByName,
  type CreatedConsultation,
} from './consultations';
export {
  diagnosisAct,
  mustDiagnosisAct,
  requestDiagnosis,
  uploadedStudy,
  type DiagnosisCall,
} from './diagnosis';
export {
  act,
  createReferral,
  directory,
  mustAct,
  patientId,
  referralBody,
  type Directory,
} from './referrals';
export {
  createTestDatabase,
  prepareTemplate,
  startTestApp,
  TEMPLATE_DB,
  type TestApp,
  type TestAppOptions,
  type TestDatabase,
} from './testApp';
export { useTestApp, type TestAppHandle } from './useTestApp';
export { teardown } from '../fixture';
export { DEMO_PASSWORD } from '../demo';
