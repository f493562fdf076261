// One Cornerstone stack viewport with its own rendering engine: the series it shows, the image,
// the window, and zoom and pan relative to the fitted camera. No sharing logic here.
import { Enums, RenderingEngine, type StackViewport } from '@cornerstonejs/core';
import { cameraFor, panOf, zoomOf, type CameraLike } from './camera';
import { clampIndex, type StackEntry } from './imageIds';
import { voiRangeFromWindow, windowFromVoiRange, type Window } from './presets';
import type { Vec2 } from './viewState';

export class StackView {
  readonly engine: RenderingEngine;
  stack: StackEntry[] = [];
  seriesUid: string | null = null;
  /** The fitted camera of the current series and viewport size: zoom 1, pan 0. */
  private fit: CameraLike | null = null;

  constructor(
    element: HTMLDivElement,
    engineId: string,
    readonly viewportId: string,
  ) {
    this.engine = new RenderingEngine(engineId);
    this.engine.enableElement({
      viewportId,
      type: Enums.ViewportType.STACK,
      element,
      defaultOptions: { background: [0, 0, 0] },
    });
    element.querySelector('canvas')?.setAttribute('data-testid', 'viewer-canvas');
  }

  get viewport(): StackViewport {
    return this.engine.getViewport<StackViewport>(this.viewportId);
  }

  /** Shows a series' images at `index`, fitted. */
  async setStack(seriesUid: string, stack: StackEntry[], index: number): Promise<void> {
    this.stack = stack;
    this.seriesUid = seriesUid;
    await this.viewport.setStack(
      stack.map((s) => s.imageId),
      clampIndex(index, stack.length),
    );
    // A new series has its own size and geometry: fit it, whatever the last one's zoom was.
    this.refit();
  }

  currentIndex(): number {
    return this.stack.length ? this.viewport.getCurrentImageIdIndex() : 0;
  }

  async scrollTo(index: number): Promise<void> {
    if (!this.stack.length) return;
    await this.viewport.setImageIdIndex(clampIndex(index, this.stack.length));
  }

  setWindow(w: Window | null): void {
    if (w) this.viewport.setProperties({ voiRange: voiRangeFromWindow(w) });
    else this.viewport.resetProperties();
  }

  readWindow(): Window | null {
    const range = this.stack.length ? this.viewport.getProperties().voiRange : undefined;
    return range ? windowFromVoiRange(range) : null;
  }

  /** Zoom and pan relative to the fit (1 and no pan before anything is shown). */
  zoomPan(): { zoom: number; pan: Vec2 } {
    const camera = this.stack.length > 0 && this.fit ? this.camera() : null;
    return {
      zoom: camera && this.fit ? zoomOf(this.fit, camera) : 1,
      pan: camera && this.fit ? panOf(this.fit, camera) : [0, 0],
    };
  }

  setZoomPan(zoom: number, pan: Vec2): void {
    if (!this.fit) return;
    this.viewport.setCamera(cameraFor(this.fit, this.camera(), zoom, pan));
  }

  refit(): void {
    this.viewport.resetCamera();
    this.fit = this.camera();
  }

  /** Whether there is a fitted image whose zoom and pan a resize must keep. */
  get fitted(): boolean {
    return this.fit !== null && this.stack.length > 0;
  }

  /** Keeps zoom and pan relative to the new fit, so a fitted image stays fitted. */
  resizeKeepingView(): void {
    const { zoom, pan } = this.zoomPan();
    this.engine.resize(true, true);
    this.refit();
    this.setZoomPan(zoom, pan);
    this.viewport.render();
  }

  private camera(): CameraLike {
    return this.viewport.getCamera() as CameraLike;
  }
}
