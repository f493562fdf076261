// A synthetic chest CT series for demos and benchmarks: a torso of soft tissue with lungs, a
// spine, an aorta and a heart that change along the z axis, in Hounsfield units stored as
// unsigned 16-bit with RescaleIntercept −1024. UIDs are derived from a name, so generating the
// series again gives the same UIDs (the demo loader uses that to skip what is already stored).
import { createHash } from 'node:crypto';
import dcmjs from 'dcmjs';

export interface PhantomOptions {
  /** Name the UIDs derive from; a different name gives a different study. */
  name?: string;
  slices?: number;
  /** Rows = columns: 256 or 512. */
  size?: 256 | 512;
  patientName?: string;
  patientId?: string;
}

export interface PhantomSeries {
  studyInstanceUid: string;
  seriesInstanceUid: string;
  sopInstanceUids: string[];
  /** One DICOM Part 10 file per slice, generated on demand. */
  slice: (index: number) => Buffer;
  slices: number;
  size: number;
}

/** A 2.25 UID (UUID-derived form, PS3.5 B.2) from a stable name. */
export function uidFromName(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex').slice(0, 32);
  return `2.25.${BigInt(`0x${hex}`).toString()}`;
}

interface Ellipse {
  cx: number;
  cy: number;
  rx: number;
  ry: number;
  hu: number;
}

/** The SOP class of the CT images made here. */
export const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';

/** The Part 10 file meta group of a CT instance written by this project (explicit VR little endian). */
export function ctFileMeta(sop: string) {
  return {
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: CT_IMAGE_STORAGE,
    MediaStorageSOPInstanceUID: sop,
    TransferSyntaxUID: '1.2.840.10008.1.2.1',
    ImplementationClassUID: uidFromName('tiered-care/implementation'),
    ImplementationVersionName: 'TIERED_CARE_1',
  };
}

/** Anatomy at height t ∈ [0, 1] (feet to head), in millimetres around the isocentre. */
function anatomy(t: number): Ellipse[] {
  const lung = 55 + 25 * Math.sin(Math.PI * t);
  return [
    { cx: 0, cy: 0, rx: 160, ry: 115, hu: 40 },
    { cx: -70, cy: -5, rx: lung * 0.85, ry: lung * 1.25, hu: -850 },
    { cx: 70, cy: -5, rx: lung * 0.85, ry: lung * 1.25, hu: -850 },
    { cx: 15, cy: 10, rx: 45 * (1 - Math.abs(t - 0.45)), ry: 38 * (1 - Math.abs(t - 0.45)), hu: 55 },
    { cx: 20, cy: 45, rx: 14, ry: 14, hu: 180 },
    { cx: 0, cy: 80, rx: 20, ry: 18, hu: 700 },
    { cx: 0, cy: 80, rx: 9, ry: 8, hu: 30 },
  ];
}

function pixels(size: number, spacing: number, t: number, seed: number): Uint16Array {
  const out = new Uint16Array(size * size);
  const shapes = anatomy(t);
  let noise = seed;
  for (let row = 0; row < size; row++) {
    const y = (row - size / 2) * spacing;
    for (let col = 0; col < size; col++) {
      const x = (col - size / 2) * spacing;
      let hu = -1000;
      for (const e of shapes) {
        if (((x - e.cx) / e.rx) ** 2 + ((y - e.cy) / e.ry) ** 2 <= 1) hu = e.hu;
      }
      noise = (noise * 1_664_525 + 1_013_904_223) >>> 0;
      const jitter = hu > -1000 ? ((noise >>> 16) % 21) - 10 : 0;
      out[row * size + col] = Math.max(0, hu + jitter + 1024);
    }
  }
  return out;
}

export function ctPhantom(options: PhantomOptions = {}): PhantomSeries {
  const name = options.name ?? 'tiered-care demo chest CT';
  const slices = options.slices ?? 100;
  const size = options.size ?? 512;
  const spacing = 360 / size;
  const thickness = 2.5;
  const study = uidFromName(`${name}/study`);
  const series = uidFromName(`${name}/series`);
  const frameOfReference = uidFromName(`${name}/frame-of-reference`);
  const sops = Array.from({ length: slices }, (_, i) => uidFromName(`${name}/slice/${i}`));

  const slice = (i: number): Buffer => {
    const z = -thickness * i;
    const sop = sops[i] ?? '';
    const dataset = {
      _meta: ctFileMeta(sop),
      _vrMap: { PixelData: 'OW' },
      SOPClassUID: CT_IMAGE_STORAGE,
      SOPInstanceUID: sop,
      StudyInstanceUID: study,
      SeriesInstanceUID: series,
      FrameOfReferenceUID: frameOfReference,
      StudyDate: '20260110',
      StudyTime: '093000',
      SeriesDate: '20260110',
      AccessionNumber: 'DEMO0001',
      StudyID: '1',
      Modality: 'CT',
      Manufacturer: 'tiered-care synthetic phantom',
      StudyDescription: 'CT CHEST (synthetic phantom)',
      SeriesDescription: `Axial ${thickness} mm`,
      SeriesNumber: '1',
      InstanceNumber: String(i + 1),
      PatientName: options.patientName ?? 'ZHANG^GUILAN',
      PatientID: options.patientId ?? 'C1-0001',
      PatientBirthDate: '19560314',
      PatientSex: 'F',
      BodyPartExamined: 'CHEST',
      SliceThickness: String(thickness),
      KVP: '120',
      ImagePositionPatient: [String(-spacing * (size / 2)), String(-spacing * (size / 2)), String(z)],
      ImageOrientationPatient: ['1', '0', '0', '0', '1', '0'],
      SliceLocation: String(z),
      PixelSpacing: [String(spacing), String(spacing)],
      SamplesPerPixel: 1,
      PhotometricInterpretation: 'MONOCHROME2',
      Rows: size,
      Columns: size,
      BitsAllocated: 16,
      BitsStored: 16,
      HighBit: 15,
      PixelRepresentation: 0,
      RescaleIntercept: '-1024',
      RescaleSlope: '1',
      RescaleType: 'HU',
      WindowCenter: '40',
      WindowWidth: '400',
      PixelData: [pixels(size, spacing, i / Math.max(1, slices - 1), i + 1).buffer],
    };
    return Buffer.from(dcmjs.data.datasetToDict(dataset).write());
  };
  return {
    studyInstanceUid: study,
    seriesInstanceUid: series,
    sopInstanceUids: sops,
    slice,
    slices,
    size,
  };
}
