// The viewer's shareable state: what a remote participant needs to see the same picture. Kept
// free of Cornerstone types so the consult room can send it over socket.io as plain JSON.

export type Vec2 = [number, number];
export type Vec3 = [number, number, number];

export const MEASUREMENT_TOOLS = ['Length', 'Angle'] as const;
export type MeasurementTool = (typeof MEASUREMENT_TOOLS)[number];

/** One length or angle, anchored to an image by UIDs and drawn in patient (world) millimetres. */
export interface Measurement {
  uid: string;
  tool: MeasurementTool;
  seriesUid: string;
  sopInstanceUid: string;
  /** 1-based frame number inside the instance (1 for single-frame images). */
  frame: number;
  points: Vec3[];
}

export interface ViewerState {
  studyUid: string;
  seriesUid: string | null;
  /** 0-based position in the displayed stack. */
  imageIndex: number;
  /** null: the image's own default window. */
  windowWidth: number | null;
  windowCenter: number | null;
  /** 1 = image fitted to the viewport. */
  zoom: number;
  /** Pan in world millimetres relative to the fitted position. */
  pan: Vec2;
  measurements: Measurement[];
}

export type ViewerStateKey = keyof ViewerState;

const EPSILON = 1e-3;

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= EPSILON * Math.max(1, Math.abs(a), Math.abs(b));
}

function closeOrNull(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return close(a, b);
}

function sameMeasurement(a: Measurement, b: Measurement): boolean {
  return (
    a.uid === b.uid &&
    a.tool === b.tool &&
    a.seriesUid === b.seriesUid &&
    a.sopInstanceUid === b.sopInstanceUid &&
    a.frame === b.frame &&
    a.points.length === b.points.length &&
    a.points.every((p, i) => {
      const q = b.points[i];
      return q !== undefined && close(p[0], q[0]) && close(p[1], q[1]) && close(p[2], q[2]);
    })
  );
}

export function sameMeasurements(a: readonly Measurement[], b: readonly Measurement[]): boolean {
  if (a.length !== b.length) return false;
  const byUid = new Map(b.map((m) => [m.uid, m]));
  return a.every((m) => {
    const other = byUid.get(m.uid);
    return other !== undefined && sameMeasurement(m, other);
  });
}

/**
 * Which fields differ between two states. Numbers compare with a small relative tolerance so the
 * float noise of a camera round trip is not mistaken for a user change (and echoed back).
 */
export function diffViewerState(prev: ViewerState | null, next: ViewerState): ViewerStateKey[] {
  if (!prev) return Object.keys(next) as ViewerStateKey[];
  const changed: ViewerStateKey[] = [];
  if (prev.studyUid !== next.studyUid) changed.push('studyUid');
  if (prev.seriesUid !== next.seriesUid) changed.push('seriesUid');
  if (prev.imageIndex !== next.imageIndex) changed.push('imageIndex');
  if (!closeOrNull(prev.windowWidth, next.windowWidth)) changed.push('windowWidth');
  if (!closeOrNull(prev.windowCenter, next.windowCenter)) changed.push('windowCenter');
  if (!close(prev.zoom, next.zoom)) changed.push('zoom');
  if (!close(prev.pan[0], next.pan[0]) || !close(prev.pan[1], next.pan[1])) changed.push('pan');
  if (!sameMeasurements(prev.measurements, next.measurements)) changed.push('measurements');
  return changed;
}

export function sameViewerState(a: ViewerState | null, b: ViewerState): boolean {
  return diffViewerState(a, b).length === 0;
}

/** Measurements present in `next` but not (or differently) in `prev`, and uids gone from `next`. */
export function diffMeasurements(
  prev: readonly Measurement[],
  next: readonly Measurement[],
): { upserts: Measurement[]; removals: string[] } {
  const before = new Map(prev.map((m) => [m.uid, m]));
  const nextUids = new Set(next.map((m) => m.uid));
  const upserts = next.filter((m) => {
    const old = before.get(m.uid);
    return old === undefined || !sameMeasurement(old, m);
  });
  const removals = prev.filter((m) => !nextUids.has(m.uid)).map((m) => m.uid);
  return { upserts, removals };
}

export function initialViewerState(studyUid: string): ViewerState {
  return {
    studyUid,
    seriesUid: null,
    imageIndex: 0,
    windowWidth: null,
    windowCenter: null,
    zoom: 1,
    pan: [0, 0],
    measurements: [],
  };
}
