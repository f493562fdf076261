// Cornerstone annotations ⇄ the serializable measurements of ViewerState. Only the fields a
// remote viewer needs to redraw the same line or angle: tool, image (by UIDs) and world points.
import { parseImageId, wadorsImageId } from '../dicom/dicomweb';
import { MEASUREMENT_TOOLS, type Measurement, type MeasurementTool, type Vec3 } from './viewState';

/** The part of a Cornerstone annotation this module reads (structurally typed, no import). */
export interface AnnotationLike {
  annotationUID?: string;
  metadata?: { toolName?: string; referencedImageId?: string };
  data: { handles?: { points?: readonly (readonly number[])[] } };
}

function isMeasurementTool(name: string | undefined): name is MeasurementTool {
  return (MEASUREMENT_TOOLS as readonly (string | undefined)[]).includes(name);
}

const POINTS_PER_TOOL: Record<MeasurementTool, number> = { Length: 2, Angle: 3 };

/** A finished length/angle on one of this study's images, or null for anything else. */
export function toMeasurement(annotation: AnnotationLike, studyUid: string): Measurement | null {
  const tool = annotation.metadata?.toolName;
  if (!isMeasurementTool(tool) || !annotation.annotationUID) return null;
  const ref = annotation.metadata?.referencedImageId
    ? parseImageId(annotation.metadata.referencedImageId)
    : null;
  if (!ref || ref.studyUid !== studyUid) return null;
  const raw = annotation.data.handles?.points ?? [];
  // An angle being drawn has only two points yet; it is not shared until complete.
  if (raw.length !== POINTS_PER_TOOL[tool]) return null;
  const points: Vec3[] = [];
  for (const p of raw) {
    const [x, y, z] = p;
    if (x === undefined || y === undefined || z === undefined) return null;
    if (![x, y, z].every(Number.isFinite)) return null;
    points.push([x, y, z]);
  }
  return {
    uid: annotation.annotationUID,
    tool,
    seriesUid: ref.seriesUid,
    sopInstanceUid: ref.sopInstanceUid,
    frame: ref.frame,
    points,
  };
}

export function measurementImageId(root: string, studyUid: string, m: Measurement): string {
  return wadorsImageId(root, {
    studyUid,
    seriesUid: m.seriesUid,
    sopInstanceUid: m.sopInstanceUid,
    frame: m.frame,
  });
}

/** Measurements in a stable order, so two peers serialize the same set identically. */
export function sortMeasurements(list: Measurement[]): Measurement[] {
  return [...list].sort((a, b) => a.uid.localeCompare(b.uid));
}
