// @tiered-care/testkit/bridge: the app with the PACS bridge on a fresh test database and two real
// Orthancs, and the steps the imaging tests share.
export { startBridgeTestApp, testServices, type BridgeTestApp, type BridgeTestOptions } from './app';
export {
  createReferral,
  freshListing,
  institutionIds,
  jsonWithRoot,
  multipartParts,
  patientIdOf,
  shareToDemoReferral,
  storeInOwnPacs,
  storeInRegion,
  uploadFresh,
} from './steps';
export { insertDiagnosisRequest, type DiagnosisFixture, type DiagnosisFixtureOptions } from './diagnosis';
export { useBridgeTestApp, type BridgeTestHandle } from './useBridgeTestApp';
export { teardown } from '../fixture';
export { userIdsByName } from '../harness/consultations';

/** A script that runs the bridge app in a process of its own (see ./process.ts). */
export const BRIDGE_PROCESS = new URL('./process.ts', import.meta.url).pathname;
