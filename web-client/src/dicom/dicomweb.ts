// DICOMweb paths (QIDO-RS / WADO-RS, as Orthanc's plugin and our pacs-bridge serve them) and the
// `wadors:` image ids the Cornerstone loader understands. Pure string work, no fetching.

export const DEFAULT_DICOMWEB_ROOT = '/dicom-web';

export interface FrameRef {
  studyUid: string;
  seriesUid: string;
  sopInstanceUid: string;
  /** 1-based, as in WADO-RS. */
  frame: number;
}

export function normalizeRoot(root: string): string {
  return root.replace(/\/+$/, '');
}

const seg = encodeURIComponent;

export function seriesSearchUrl(root: string, studyUid: string): string {
  return `${normalizeRoot(root)}/studies/${seg(studyUid)}/series`;
}

export function seriesMetadataUrl(root: string, studyUid: string, seriesUid: string): string {
  return `${normalizeRoot(root)}/studies/${seg(studyUid)}/series/${seg(seriesUid)}/metadata`;
}

export function studyInstancesSearchUrl(root: string, studyUid: string): string {
  return `${normalizeRoot(root)}/studies/${seg(studyUid)}/instances`;
}

export function instancesSearchUrl(root: string, studyUid: string, seriesUid: string): string {
  return `${normalizeRoot(root)}/studies/${seg(studyUid)}/series/${seg(seriesUid)}/instances`;
}

export function frameUrl(root: string, ref: FrameRef): string {
  return (
    `${normalizeRoot(root)}/studies/${seg(ref.studyUid)}/series/${seg(ref.seriesUid)}` +
    `/instances/${seg(ref.sopInstanceUid)}/frames/${ref.frame}`
  );
}

export interface RenderOptions {
  /** The largest size wanted; the PACS keeps the aspect ratio. */
  width: number;
  height: number;
  /** Window centre and width; the PACS's own choice when null. */
  window: { center: number; width: number } | null;
  /** JPEG quality, 1–100. */
  quality: number;
}

/** WADO-RS rendered frame (ask for `image/jpeg`): a picture, not pixel data. */
export function renderedFrameUrl(root: string, ref: FrameRef, o: RenderOptions): string {
  const size = `viewport=${Math.round(o.width)},${Math.round(o.height)}`;
  const win = o.window ? `&window=${o.window.center},${Math.max(1, o.window.width)},linear` : '';
  return `${frameUrl(root, ref)}/rendered?${size}${win}&quality=${o.quality}`;
}

export function wadorsImageId(root: string, ref: FrameRef): string {
  return `wadors:${frameUrl(root, ref)}`;
}

const FRAME_PATH = /\/studies\/([^/]+)\/series\/([^/]+)\/instances\/([^/]+)\/frames\/(\d+)(?:[?#].*)?$/;

/** The UIDs and frame an image id points at, or null for ids this viewer did not build. */
export function parseImageId(imageId: string): FrameRef | null {
  if (!imageId.startsWith('wadors:')) return null;
  const m = FRAME_PATH.exec(imageId);
  if (!m) return null;
  const [, study, series, sop, frame] = m;
  if (study === undefined || series === undefined || sop === undefined || frame === undefined) return null;
  return {
    studyUid: decodeURIComponent(study),
    seriesUid: decodeURIComponent(series),
    sopInstanceUid: decodeURIComponent(sop),
    frame: Number(frame),
  };
}

/** Headers for every DICOMweb request: the session's bearer token when signed in. */
export function authHeaders(token: string | null): Record<string, string> {
  return token ? { Authorization: `Bearer ${token}` } : {};
}
