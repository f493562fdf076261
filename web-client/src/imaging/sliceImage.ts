// Which slice a preview or thumbnail shows and the rendered-image URL for it, from the brief
// instance list (studyCache): sorted exactly as the viewer sorts its stack, so the preview is the
// image the viewer then draws. No Cornerstone here.
import { num, type DicomJson } from '@tiered-care/common/dicomJson';
import { TAG } from '../dicom/attributes';
import { renderedFrameUrl, type FrameRef } from '../dicom/dicomweb';
import { firstSeriesBrief, seriesBrief } from '../dicom/studyCache';
import { buildStack, clampIndex, middleIndex } from '../viewer/imageIds';

export interface SliceChoice {
  /** The series; the study's first image series when null. */
  seriesUid: string | null;
  /** Position in the stack, or its middle (thumbnails). */
  index: number | 'middle';
}

export interface SliceImage {
  seriesUid: string;
  /** Images in the series (frames of multi-frame instances count each). */
  count: number;
  /** The slice's frame and its instance's brief attributes (studyCache's seriesBrief). */
  ref: FrameRef;
  instance: DicomJson;
  /** The rendered image at most `box` CSS pixels large, sharp on this screen. */
  url: (box: { width: number; height: number }) => string;
}

export async function sliceImage(
  root: string,
  studyUid: string,
  pick: SliceChoice,
): Promise<SliceImage | null> {
  // The first series and its instances in one request when the caller wants the study's first.
  const first = pick.seriesUid === null ? await firstSeriesBrief(root, studyUid) : null;
  const seriesUid = pick.seriesUid ?? first?.seriesUid;
  if (!seriesUid) return null;
  const instances = first?.instances ?? (await seriesBrief(root, studyUid, seriesUid));
  const stack = buildStack(root, studyUid, seriesUid, instances);
  const entry =
    stack[pick.index === 'middle' ? middleIndex(stack.length) : clampIndex(pick.index, stack.length)];
  if (!entry) return null;
  const { instance } = entry;
  const center = num(instance, TAG.windowCenter);
  const width = num(instance, TAG.windowWidth);
  const rows = num(instance, TAG.rows) ?? 512;
  const columns = num(instance, TAG.columns) ?? 512;
  const ref = { studyUid, seriesUid, sopInstanceUid: entry.sopInstanceUid, frame: entry.frame };
  return {
    seriesUid,
    count: stack.length,
    ref,
    instance,
    url: (box) => {
      // No larger than the image itself: the browser scales up for free, the link doesn't.
      const scale = Math.min(
        1,
        (box.width * devicePixelRatio) / columns,
        (box.height * devicePixelRatio) / rows,
      );
      return renderedFrameUrl(root, ref, {
        width: Math.max(1, columns * scale),
        height: Math.max(1, rows * scale),
        window: center !== null && width !== null ? { center, width } : null,
        quality: box.width < 200 ? 70 : 85,
      });
    },
  };
}
