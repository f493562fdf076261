// A stack view's shared state: read as a ViewerState snapshot, or brought to a remote one.
import type { StackEntry } from './imageIds';
import { sortMeasurements } from './measurements';
import type { StackView } from './stackView';
import type { Measurement, ViewerState } from './viewState';

/** What showing a state needs of the measurements (StackMeasurements, once the tools are in). */
export interface MeasurementTarget {
  apply(target: Measurement[], seriesUid: string | null): void;
}

export function readViewerState(studyUid: string, view: StackView, measurements: Measurement[]): ViewerState {
  const w = view.readWindow();
  const { zoom, pan } = view.zoomPan();
  return {
    studyUid,
    seriesUid: view.seriesUid,
    imageIndex: view.currentIndex(),
    windowWidth: w?.windowWidth ?? null,
    windowCenter: w?.windowCenter ?? null,
    zoom,
    pan,
    measurements: sortMeasurements(measurements),
  };
}

interface ShowHooks {
  /** The images of a series. */
  load: (seriesUid: string) => Promise<StackEntry[]>;
  /** False once the viewer is gone: stop there. */
  alive: () => boolean;
  /** Starts loading the neighbours of a newly shown series. */
  prefetch: () => void;
}

/** Series, image, window, zoom and pan, measurements as `next` has them. */
export async function showViewerState(
  next: ViewerState,
  view: StackView,
  measurements: MeasurementTarget,
  hooks: ShowHooks,
): Promise<void> {
  if (next.seriesUid && next.seriesUid !== view.seriesUid) {
    const stack = await hooks.load(next.seriesUid);
    if (!hooks.alive() || !stack.length) return;
    await view.setStack(next.seriesUid, stack, next.imageIndex);
    hooks.prefetch();
  } else if (view.stack.length && next.imageIndex !== view.viewport.getCurrentImageIdIndex()) {
    await view.scrollTo(next.imageIndex);
  }
  if (!hooks.alive() || !view.stack.length) return;
  const { windowWidth, windowCenter } = next;
  view.setWindow(windowWidth !== null && windowCenter !== null ? { windowWidth, windowCenter } : null);
  view.setZoomPan(next.zoom, next.pan);
  measurements.apply(next.measurements, view.seriesUid);
  view.viewport.render();
}
