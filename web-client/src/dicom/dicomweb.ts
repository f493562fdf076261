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

export function instancesSearchUrl(root: string, studyUid: string, seriesUid: string): string {
  return `${normalizeRoot(root)}/studies/${seg(studyUid)}/series/${seg(seriesUid)}/instances`;
}

export function frameUrl(root: string, ref: FrameRef): string {
  return (
    `${normalizeRoot(root)}/studies/${seg(ref.studyUid)}/series/${seg(ref.seriesUid)}` +
    `/instances/${seg(ref.sopInstanceUid)}/frames/${ref.frame}`
  );
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
