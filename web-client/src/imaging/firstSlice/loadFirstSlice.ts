// The first slice's diagnostic pixels before the viewer chunk is in: the frame as the archive
// keeps it (transfer-syntax=*, as the viewer asks for it), decoded here when it is uncompressed or
// JPEG-LS lossless, with the modality LUT and window its brief attributes give. Null when this
// image is not one the page draws itself (colour, multi-frame, another syntax): the viewer shows it.
import { num, str } from '@tiered-care/common/dicomJson';
import { TAG } from '../../dicom/attributes';
import { frameUrl, wadorsImageId } from '../../dicom/dicomweb';
import { dicomGet } from '../../dicom/fetchJson';
import { cached } from '../../dicom/studyCache';
import { sliceImage, type SliceChoice } from '../sliceImage';
import { decodeFrame, drawsItself } from './decode';
import type { Greyscale } from './greyscale';
import { firstPart } from './multipart';

export interface FirstSlice extends Greyscale {
  /** The image id the viewer's loader gives the same frame. */
  imageId: string;
}

/**
 * The Accept the viewer's loader sends for a frame, to the letter (as stored, never transcoded):
 * the viewer then finds this answer in the browser's cache.
 */
const AS_STORED = 'multipart/related; type=application/octet-stream; transfer-syntax=*';

async function load(root: string, studyUid: string, pick: SliceChoice): Promise<FirstSlice | null> {
  const slice = await sliceImage(root, studyUid, pick);
  if (!slice) return null;
  const { instance, ref } = slice;
  const rows = num(instance, TAG.rows);
  const columns = num(instance, TAG.columns);
  const bitsAllocated = num(instance, TAG.bitsAllocated);
  const photometric = str(instance, TAG.photometricInterpretation);
  if (
    rows === null ||
    columns === null ||
    (bitsAllocated !== 8 && bitsAllocated !== 16) ||
    (num(instance, TAG.samplesPerPixel) ?? 1) !== 1 ||
    (num(instance, TAG.numberOfFrames) ?? 1) !== 1 ||
    (photometric !== 'MONOCHROME1' && photometric !== 'MONOCHROME2')
  )
    return null;
  const res = await dicomGet(frameUrl(root, ref), AS_STORED);
  const part = firstPart(new Uint8Array(await res.arrayBuffer()), res.headers.get('content-type') ?? '');
  if (!part?.transferSyntax || !drawsItself(part.transferSyntax)) return null;
  const signed = num(instance, TAG.pixelRepresentation) === 1;
  const pixels = await decodeFrame(part.transferSyntax, part.bytes, { rows, columns, bitsAllocated, signed });
  if (!pixels) return null;
  const center = num(instance, TAG.windowCenter);
  const width = num(instance, TAG.windowWidth);
  return {
    imageId: wadorsImageId(root, ref),
    rows,
    columns,
    pixels,
    slope: num(instance, TAG.rescaleSlope) ?? 1,
    intercept: num(instance, TAG.rescaleIntercept) ?? 0,
    window: center !== null && width !== null && width > 0 ? { center, width } : null,
    inverted: photometric === 'MONOCHROME1',
  };
}

/** Once per page and slice: the linked study's start-up asks first, the viewer's host then finds it. */
export function loadFirstSlice(
  root: string,
  studyUid: string,
  pick: SliceChoice,
): Promise<FirstSlice | null> {
  return cached(`first|${root}|${studyUid}|${pick.seriesUid ?? ''}|${pick.index}`, () =>
    load(root, studyUid, pick),
  );
}
