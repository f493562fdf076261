// The DICOM JSON tags this client reads (with the readers in @tiered-care/common/dicomJson) and
// which modalities hold a pixel stack. Shared by the study list and the viewer.

export const TAG = {
  sopClassUid: '00080016',
  sopInstanceUid: '00080018',
  modality: '00080060',
  seriesDescription: '0008103E',
  seriesInstanceUid: '0020000E',
  seriesNumber: '00200011',
  instanceNumber: '00200013',
  imagePositionPatient: '00200032',
  imageOrientationPatient: '00200037',
  numberOfSeriesInstances: '00201209',
  samplesPerPixel: '00280002',
  photometricInterpretation: '00280004',
  numberOfFrames: '00280008',
  rows: '00280010',
  columns: '00280011',
  bitsAllocated: '00280100',
  pixelRepresentation: '00280103',
  windowCenter: '00281050',
  windowWidth: '00281051',
  rescaleIntercept: '00281052',
  rescaleSlope: '00281053',
} as const;

// Series that hold no pixel stack: waveforms, reports, presentation states, key objects,
// segmentations and RT objects. ECGs open in the ECG viewer instead.
const NON_IMAGE_MODALITIES = new Set([
  'ECG',
  'HD',
  'AU',
  'SR',
  'KO',
  'PR',
  'DOC',
  'SEG',
  'RTSTRUCT',
  'RTPLAN',
  'RTRECORD',
  'REG',
  'FID',
]);

export function isImageModality(modality: string | null): boolean {
  return modality === null || !NON_IMAGE_MODALITIES.has(modality);
}
