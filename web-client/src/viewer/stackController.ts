// One stack viewport with its tool group, for one study: the commands the React panel gives it.
// What the user changes is reported through StackSharing (stackSharing.ts), which also keeps
// remote states from being reported back.
import { utilities as toolUtilities } from '@cornerstonejs/tools';
import type { Window } from './presets';
import { StackMeasurements } from './stackMeasurements';
import { StackSharing, type ControllerListener } from './stackSharing';
import { readViewerState, showViewerState } from './stackState';
import { createStackTools, destroyStackTools, setPrimaryTool, type PrimaryTool } from './stackTools';
import { StackView } from './stackView';
import { loadStack } from './studyLoader';
import type { ViewerState } from './viewState';

let instanceCount = 0;

export class StackController {
  readonly element: HTMLDivElement;
  private readonly view: StackView;
  private readonly measurements: StackMeasurements;
  private readonly toolGroupId: string;
  private readonly sharing: StackSharing;

  constructor(
    element: HTMLDivElement,
    private readonly root: string,
    private readonly studyUid: string,
    listener: ControllerListener,
  ) {
    this.element = element;
    const n = ++instanceCount;
    this.view = new StackView(element, `tc-viewer-engine-${n}`, `tc-viewer-${n}`);
    this.measurements = new StackMeasurements(root, studyUid, this.view.viewportId);
    this.toolGroupId = `tc-viewer-tools-${n}`;
    createStackTools(this.toolGroupId, this.view.viewportId, this.view.engine.id);
    this.sharing = new StackSharing(element, this.view, listener, () => this.readState());
  }

  get total(): number {
    return this.view.stack.length;
  }

  get currentSeriesUid(): string | null {
    return this.view.seriesUid;
  }

  setPrimaryTool(tool: PrimaryTool): void {
    setPrimaryTool(this.toolGroupId, tool);
  }

  /** Shows a series (local choice or remote state); `index` defaults to the first image. */
  async showSeries(seriesUid: string, index = 0, byUser = false): Promise<void> {
    await this.sharing.quietly(async () => {
      const stack = await loadStack(this.root, this.studyUid, seriesUid);
      if (this.sharing.destroyed) return;
      if (!stack.length) throw new Error('series has no images');
      await this.view.setStack(seriesUid, stack, index);
      this.measurements.hydratePending(seriesUid);
      this.view.viewport.render();
    });
    // The neighbours load once the first image is on screen, not while it is being drawn.
    if (!this.sharing.destroyed && this.view.seriesUid === seriesUid)
      toolUtilities.stackPrefetch.enable(this.element);
    this.sharing.afterChange(byUser);
  }

  scrollTo(index: number): Promise<void> {
    return this.view.scrollTo(index);
  }

  /** Relative to the image being loaded, so key presses during a slow load are not lost. */
  scrollBy(delta: number): Promise<void> {
    return this.scrollTo(this.view.viewport.getTargetImageIdIndex() + delta);
  }

  setWindow(w: Window | null): void {
    if (!this.view.stack.length) return;
    this.view.setWindow(w);
    this.view.viewport.render();
  }

  /** Back to the image's own window, fitted, unpanned (measurements stay). */
  reset(): void {
    if (!this.view.stack.length) return;
    this.view.viewport.resetProperties();
    this.view.refit();
    this.view.viewport.render();
  }

  clearMeasurements(): void {
    this.measurements.clear();
    this.view.viewport.render();
    this.sharing.afterChange(true);
  }

  /** Deletes the selected measurement (Delete key). */
  deleteSelected(): void {
    if (!this.measurements.deleteSelected()) return;
    this.view.viewport.render();
    this.sharing.afterChange(true);
  }

  resize(): void {
    if (!this.view.fitted) {
      this.view.engine.resize(true, true);
      return;
    }
    this.sharing.quietlyNow(() => this.view.resizeKeepingView());
  }

  readWindow(): Window | null {
    return this.view.readWindow();
  }

  readState(): ViewerState {
    return readViewerState(this.studyUid, this.view, this.measurements);
  }

  /** Applies a remote state; nothing is reported back for it. */
  async applyState(next: ViewerState): Promise<void> {
    if (next.studyUid !== this.studyUid) return;
    this.sharing.agree(next);
    await this.sharing.quietly(() =>
      showViewerState(next, this.view, this.measurements, {
        load: (seriesUid) => loadStack(this.root, this.studyUid, seriesUid),
        alive: () => !this.sharing.destroyed,
        prefetch: () => toolUtilities.stackPrefetch.enable(this.element),
      }),
    );
    if (this.sharing.destroyed) return;
    this.sharing.agree(this.readState());
    this.sharing.notifyDisplay();
  }

  destroy(): void {
    this.sharing.destroy();
    toolUtilities.stackPrefetch.disable(this.element);
    destroyStackTools(this.toolGroupId);
    this.view.engine.destroy();
  }
}
