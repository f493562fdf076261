// The length and angle measurements of one study's viewport: read from Cornerstone's annotation
// state, and remote ones drawn in. A remote measurement on a series not displayed yet waits until
// its series is shown.
import type { Types } from '@cornerstonejs/core';
import {
  AngleTool,
  LengthTool,
  annotation,
  utilities as toolUtilities,
  type Types as ToolTypes,
} from '@cornerstonejs/tools';
import { measurementImageId, toMeasurement } from './measurements';
import { diffMeasurements, type Measurement } from './viewState';

/** The annotation with this uid, if any (the typings say it always exists; it does not). */
function findAnnotation(uid: string): ToolTypes.Annotation | undefined {
  const found: ToolTypes.Annotation | undefined = annotation.state.getAnnotation(uid);
  return found;
}

export class StackMeasurements {
  /** Remote measurements on series not displayed yet; drawn when their series is shown. */
  private readonly pending = new Map<string, Measurement>();

  constructor(
    private readonly root: string,
    private readonly studyUid: string,
    private readonly viewportId: string,
  ) {}

  /** The measurements drawn on this study's images. */
  local(): Measurement[] {
    const out: Measurement[] = [];
    for (const a of annotation.state.getAllAnnotations()) {
      const m = toMeasurement(a, this.studyUid);
      if (m) out.push(m);
    }
    return out;
  }

  /** Drawn and waiting ones. */
  all(): Measurement[] {
    return [...this.local(), ...this.pending.values()];
  }

  clear(): void {
    for (const m of this.local()) annotation.state.removeAnnotation(m.uid);
    this.pending.clear();
  }

  /** Deletes the selected ones (Delete key); false when none was selected. */
  deleteSelected(): boolean {
    const selected = annotation.selection.getAnnotationsSelected();
    if (!selected.length) return false;
    for (const uid of selected) annotation.state.removeAnnotation(uid);
    return true;
  }

  /** Makes the measurements those of `target`; `seriesUid` is the series displayed. */
  apply(target: Measurement[], seriesUid: string | null): void {
    const { upserts, removals } = diffMeasurements(this.all(), target);
    for (const uid of removals) {
      this.pending.delete(uid);
      if (findAnnotation(uid)) annotation.state.removeAnnotation(uid);
    }
    for (const m of upserts) {
      const existing = findAnnotation(m.uid);
      if (existing?.data.handles) {
        existing.data.handles.points = m.points.map((p) => [...p] as Types.Point3);
        existing.invalidated = true;
      } else {
        this.pending.set(m.uid, m);
      }
    }
    this.hydratePending(seriesUid);
    toolUtilities.triggerAnnotationRenderForViewportIds([this.viewportId]);
  }

  /** Draws remote measurements that belong to the displayed series. */
  hydratePending(seriesUid: string | null): void {
    for (const m of [...this.pending.values()]) {
      if (m.seriesUid !== seriesUid) continue;
      const Tool = m.tool === 'Length' ? LengthTool : AngleTool;
      Tool.hydrate(
        this.viewportId,
        m.points.map((p) => [...p] as Types.Point3),
        { annotationUID: m.uid, referencedImageId: measurementImageId(this.root, this.studyUid, m) },
      );
      this.pending.delete(m.uid);
    }
  }
}
