// pacs-bridge: DICOMweb gateway with per-referral access control, image upload, ECG decoding.
export { createPacsBridge, type PacsBridge } from './bridge';
export { bridgeOptionsFromEnv } from './config';
export type { PacsBridgeOptions } from './context';
export { loadDemoStudies, type DemoArchives, type DemoPacs, type DemoStudies } from './demo/loadDemoStudies';
export {
  CT_IMAGE_STORAGE,
  ctFileMeta,
  ctPhantom,
  uidFromName,
  type PhantomOptions,
  type PhantomSeries,
} from './demo/ctPhantom';
export { demoDicomPatientId } from './demo/patientIds';
export { boundaryOf, parseMultipart, type Part } from './dicom/multipart';
export { toArrayBuffer } from './dicom/part10';
export { decodeGroup, findLeadII, type EcgChannel, type EcgGroup } from './ecg/decode';
export { detectRPeaks, heartRate, type HeartRate } from './ecg/panTompkins';
export { pacsHealthCheck, type PacsTarget } from './health';
export { registerEndpoint, type EndpointRegistration } from './pacs/register';
