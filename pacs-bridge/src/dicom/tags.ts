// The DICOM attributes the bridge looks at, by keyword; read them with the readers in
// @tiered-care/common/dicomJson.

export const TAG = {
  StudyInstanceUID: '0020000D',
  SeriesInstanceUID: '0020000E',
  SOPInstanceUID: '00080018',
  SOPClassUID: '00080016',
  Modality: '00080060',
  SeriesNumber: '00200011',
  InstanceNumber: '00200013',
  StudyDate: '00080020',
  StudyDescription: '00081030',
  ModalitiesInStudy: '00080061',
  NumberOfStudyRelatedSeries: '00201206',
  NumberOfStudyRelatedInstances: '00201208',
  RetrieveURL: '00081190',
  FailedSOPSequence: '00081198',
  ReferencedSOPSequence: '00081199',
  ReferencedSOPInstanceUID: '00081155',
  PatientID: '00100020',
  PatientName: '00100010',
} as const;
