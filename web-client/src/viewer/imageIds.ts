// DICOM JSON (QIDO-RS results, WADO-RS metadata) → the series list and the ordered image ids of a
// stack. Multi-frame instances expand to one image id per frame.
import { num, nums, str, type DicomJson } from '@tiered-care/common/dicomJson';
import { isImageModality, TAG } from '../dicom/attributes';
import { wadorsImageId } from '../dicom/dicomweb';

export interface SeriesSummary {
  seriesUid: string;
  modality: string | null;
  description: string;
  seriesNumber: number | null;
  instanceCount: number | null;
}

/** QIDO-RS series results, image series only, in series-number order. */
export function parseSeriesList(results: DicomJson[]): SeriesSummary[] {
  const list: SeriesSummary[] = [];
  for (const r of results) {
    const seriesUid = str(r, TAG.seriesInstanceUid);
    if (!seriesUid) continue;
    const modality = str(r, TAG.modality);
    if (!isImageModality(modality)) continue;
    list.push({
      seriesUid,
      modality,
      description: str(r, TAG.seriesDescription) ?? '',
      seriesNumber: num(r, TAG.seriesNumber),
      instanceCount: num(r, TAG.numberOfSeriesInstances),
    });
  }
  return list.sort(
    (a, b) =>
      (a.seriesNumber ?? Number.MAX_SAFE_INTEGER) - (b.seriesNumber ?? Number.MAX_SAFE_INTEGER) ||
      a.seriesUid.localeCompare(b.seriesUid),
  );
}

function isImageInstance(json: DicomJson): boolean {
  return num(json, TAG.rows) !== null && num(json, TAG.columns) !== null;
}

/** Distance of an image along its slice normal; lets slices without instance numbers sort too. */
function slicePosition(json: DicomJson): number | null {
  const pos = nums(json, TAG.imagePositionPatient);
  const iop = nums(json, TAG.imageOrientationPatient);
  if (!pos || pos.length !== 3 || !iop || iop.length !== 6) return null;
  const [r0, r1, r2, c0, c1, c2] = iop as [number, number, number, number, number, number];
  const normal = [r1 * c2 - r2 * c1, r2 * c0 - r0 * c2, r0 * c1 - r1 * c0] as const;
  return (pos[0] ?? 0) * normal[0] + (pos[1] ?? 0) * normal[1] + (pos[2] ?? 0) * normal[2];
}

export interface StackEntry {
  imageId: string;
  sopInstanceUid: string;
  frame: number;
  instance: DicomJson;
}

/**
 * Image ids for one series in display order: instance number, then slice position, then UID;
 * frames of a multi-frame instance in frame order. Non-image instances are skipped.
 */
export function buildStack(
  root: string,
  studyUid: string,
  seriesUid: string,
  instances: DicomJson[],
): StackEntry[] {
  const images = instances
    .filter(isImageInstance)
    .map((instance) => ({
      instance,
      sop: str(instance, TAG.sopInstanceUid) ?? '',
      number: num(instance, TAG.instanceNumber),
      position: slicePosition(instance),
    }))
    .filter((x) => x.sop !== '');
  images.sort((a, b) => {
    if (a.number !== null && b.number !== null && a.number !== b.number) return a.number - b.number;
    if (a.position !== null && b.position !== null && a.position !== b.position)
      return a.position - b.position;
    return a.sop.localeCompare(b.sop);
  });
  const stack: StackEntry[] = [];
  for (const img of images) {
    const frames = Math.max(1, Math.floor(num(img.instance, TAG.numberOfFrames) ?? 1));
    for (let frame = 1; frame <= frames; frame++) {
      stack.push({
        imageId: wadorsImageId(root, { studyUid, seriesUid, sopInstanceUid: img.sop, frame }),
        sopInstanceUid: img.sop,
        frame,
        instance: img.instance,
      });
    }
  }
  return stack;
}

/**
 * The metadata handed to the WADO-RS loader. Its modality checks assume the (type 1) Modality
 * attribute is present; secondary captures in the wild sometimes lack it, so it defaults to OT.
 */
export function loaderMetadata(instance: DicomJson): DicomJson {
  if (str(instance, TAG.modality)) return instance;
  return { ...instance, [TAG.modality]: { vr: 'CS', Value: ['OT'] } };
}

/** The image a thumbnail shows: the middle of the stack. */
export function middleIndex(length: number): number {
  return length <= 0 ? 0 : Math.floor((length - 1) / 2);
}

export function clampIndex(index: number, length: number): number {
  if (length <= 0) return 0;
  return Math.min(length - 1, Math.max(0, Math.round(index)));
}

/** "12 / 120": 1-based for people. */
export function imageCounter(index: number, length: number): string {
  return length <= 0 ? '0 / 0' : `${clampIndex(index, length) + 1} / ${length}`;
}
