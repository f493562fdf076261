// The report as a DICOM object any viewer shows: Encapsulated PDF Storage (PS3.3 A.45.1) in the
// study it reports on, with the study's own patient and study attributes (the archive must see
// one patient in the study), a series 诊断报告 of modality DOC, one instance per signed version.
// Written with dcmjs as the demo's CT is; UTF-8 text (ISO_IR 192) for the Chinese names.
import dcmjs from 'dcmjs';
import { uidFromName } from '../demo/ctPhantom';
import { toArrayBuffer } from '../dicom/part10';

export const ENCAPSULATED_PDF_STORAGE = '1.2.840.10008.5.1.4.1.1.104.1';
const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';

/** Study and patient attributes copied from the archive's answer for the study (keyword → value). */
export interface StudyModule {
  StudyInstanceUID: string;
  StudyDate: string;
  StudyTime: string;
  AccessionNumber: string;
  StudyID: string;
  ReferringPhysicianName: string;
  PatientName: string;
  PatientID: string;
  PatientBirthDate: string;
  PatientSex: string;
}

export interface EncapsulatedPdfInput {
  pdf: Buffer;
  study: StudyModule;
  seriesInstanceUid: string;
  sopInstanceUid: string;
  instanceNumber: number;
  title: string;
  signedAt: Date;
}

const SHANGHAI = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** DICOM DA and TM in the region's time (DICOM dates carry no zone). */
function dicomDateTime(at: Date): { date: string; time: string } {
  const p = Object.fromEntries(SHANGHAI.formatToParts(at).map((x) => [x.type, x.value]));
  return { date: `${p.year}${p.month}${p.day}`, time: `${p.hour}${p.minute}${p.second}` };
}

export function encapsulatedPdf(i: EncapsulatedPdfInput): Buffer {
  const { date, time } = dicomDateTime(i.signedAt);
  const dataset = {
    _meta: {
      FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
      MediaStorageSOPClassUID: ENCAPSULATED_PDF_STORAGE,
      MediaStorageSOPInstanceUID: i.sopInstanceUid,
      TransferSyntaxUID: EXPLICIT_VR_LITTLE_ENDIAN,
      ImplementationClassUID: uidFromName('tiered-care/implementation'),
      ImplementationVersionName: 'TIERED_CARE_1',
    },
    _vrMap: { EncapsulatedDocument: 'OB' },
    SpecificCharacterSet: 'ISO_IR 192',
    SOPClassUID: ENCAPSULATED_PDF_STORAGE,
    SOPInstanceUID: i.sopInstanceUid,
    ...i.study,
    Modality: 'DOC',
    SeriesInstanceUID: i.seriesInstanceUid,
    SeriesNumber: '9001',
    SeriesDescription: '诊断报告',
    InstanceNumber: String(i.instanceNumber),
    ContentDate: date,
    ContentTime: time,
    AcquisitionDateTime: `${date}${time}`,
    ConversionType: 'WSD',
    Manufacturer: 'tiered-care',
    BurnedInAnnotation: 'YES',
    ConceptNameCodeSequence: [
      { CodeValue: '18748-4', CodingSchemeDesignator: 'LN', CodeMeaning: 'Diagnostic imaging report' },
    ],
    DocumentTitle: i.title,
    MIMETypeOfEncapsulatedDocument: 'application/pdf',
    EncapsulatedDocumentLength: i.pdf.length,
    EncapsulatedDocument: [toArrayBuffer(i.pdf)],
  };
  return Buffer.from(dcmjs.data.datasetToDict(dataset).write());
}

/** The PDF inside an Encapsulated PDF file, cut to its declared length (values are padded to even). */
export function pdfOfEncapsulated(file: Buffer): Buffer {
  const { dict } = dcmjs.data.DicomMessage.readFile(toArrayBuffer(file));
  const value = dict['00420011']?.Value?.[0];
  const length = dict['00420015']?.Value?.[0];
  if (!(value instanceof ArrayBuffer)) throw new Error('no EncapsulatedDocument in the file');
  const bytes = Buffer.from(value);
  return typeof length === 'number' ? bytes.subarray(0, length) : bytes;
}
