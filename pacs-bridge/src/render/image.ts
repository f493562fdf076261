// The attributes of an image the bridge needs to render it, read from WADO-RS metadata (DICOM JSON).
import { num, nums, str, type DicomJson } from '@tiered-care/common/dicomJson';
import { Invalid } from '@tiered-care/platform';

export const PIXEL = {
  SamplesPerPixel: '00280002',
  PhotometricInterpretation: '00280004',
  PlanarConfiguration: '00280006',
  NumberOfFrames: '00280008',
  Rows: '00280010',
  Columns: '00280011',
  BitsAllocated: '00280100',
  BitsStored: '00280101',
  PixelRepresentation: '00280103',
  WindowCenter: '00281050',
  WindowWidth: '00281051',
  RescaleIntercept: '00281052',
  RescaleSlope: '00281053',
  InstanceNumber: '00200013',
  SOPInstanceUID: '00080018',
} as const;

/** Red, green and blue lookup table (descriptor, data) tags of a palette colour image. */
export const PALETTE = [
  ['00281101', '00281201'],
  ['00281102', '00281202'],
  ['00281103', '00281203'],
] as const;

/** Beyond these an image is refused rather than decoded (bounded work per request). */
export const LIMITS = { maxSide: 8192, maxFrameBytes: 64 * 1024 * 1024 } as const;

export interface ImageAttributes {
  rows: number;
  columns: number;
  samples: number;
  bitsAllocated: number;
  bitsStored: number;
  signed: boolean;
  planar: boolean;
  photometric: string;
  frames: number;
  slope: number;
  intercept: number;
  /** The first window the image suggests, if any. */
  window: { center: number; width: number } | null;
}

export const cannotRender = (why: string, details?: unknown) =>
  Invalid('cannot_render', `this image cannot be rendered: ${why}`, details);

export function imageAttributes(ds: DicomJson): ImageAttributes {
  const rows = num(ds, PIXEL.Rows);
  const columns = num(ds, PIXEL.Columns);
  if (!rows || !columns) throw cannotRender('it has no pixel data');
  if (rows > LIMITS.maxSide || columns > LIMITS.maxSide)
    throw cannotRender('it is too large', { rows, columns });
  const bitsAllocated = num(ds, PIXEL.BitsAllocated) ?? 16;
  if (bitsAllocated !== 8 && bitsAllocated !== 16) throw cannotRender(`${bitsAllocated}-bit samples`);
  const centers = nums(ds, PIXEL.WindowCenter);
  const widths = nums(ds, PIXEL.WindowWidth);
  const center = centers?.[0];
  const width = widths?.[0];
  return {
    rows,
    columns,
    samples: num(ds, PIXEL.SamplesPerPixel) ?? 1,
    bitsAllocated,
    bitsStored: num(ds, PIXEL.BitsStored) ?? bitsAllocated,
    signed: num(ds, PIXEL.PixelRepresentation) === 1,
    planar: num(ds, PIXEL.PlanarConfiguration) === 1,
    photometric: (str(ds, PIXEL.PhotometricInterpretation) ?? 'MONOCHROME2').trim().toUpperCase(),
    frames: Math.max(1, Math.floor(num(ds, PIXEL.NumberOfFrames) ?? 1)),
    slope: num(ds, PIXEL.RescaleSlope) ?? 1,
    intercept: num(ds, PIXEL.RescaleIntercept) ?? 0,
    window: center !== undefined && width !== undefined && width > 0 ? { center, width } : null,
  };
}
