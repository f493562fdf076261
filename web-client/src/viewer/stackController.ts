// One stack viewport with its tool group and events, for one study. The React panel drives it; it
// reports local changes as full ViewerState snapshots and applies remote ones without reporting
// them back (it compares with the last state both sides agree on).
import { Enums, eventTarget } from '@cornerstonejs/core';
import { Enums as ToolEnums, utilities as toolUtilities } from '@cornerstonejs/tools';
import type { Window } from './presets';
import { StackMeasurements } from './stackMeasurements';
import { readViewerState, showViewerState } from './stackState';
import { createStackTools, destroyStackTools, setPrimaryTool, type PrimaryTool } from './stackTools';
import { StackView } from './stackView';
import { loadStack } from './studyLoader';
import { sameViewerState, type ViewerState } from './viewState';

export interface ControllerListener {
  /** The displayed image or stack changed (for the counter and slider). */
  onImage: (index: number, total: number) => void;
  /** The window changed (for highlighting a preset). */
  onWindow: (w: Window | null) => void;
  /** The local user changed the shared state. */
  onUserChange: (state: ViewerState) => void;
  onError: (error: unknown) => void;
}

const TOOL_EVENTS = [
  ToolEnums.Events.ANNOTATION_COMPLETED,
  ToolEnums.Events.ANNOTATION_MODIFIED,
  ToolEnums.Events.ANNOTATION_REMOVED,
];
const VIEW_EVENTS = [Enums.Events.STACK_NEW_IMAGE, Enums.Events.VOI_MODIFIED, Enums.Events.CAMERA_MODIFIED];

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

let instanceCount = 0;

export class StackController {
  readonly element: HTMLDivElement;
  private readonly view: StackView;
  private readonly measurements: StackMeasurements;
  private readonly toolGroupId: string;
  /** The last state the other side knows (sent by us or applied from them). */
  private baseline: ViewerState | null = null;
  /** >0 while we change the viewport ourselves; events then are not user changes. */
  private quiet = 0;
  private destroyed = false;

  constructor(
    element: HTMLDivElement,
    private readonly root: string,
    private readonly studyUid: string,
    private readonly listener: ControllerListener,
  ) {
    this.element = element;
    const n = ++instanceCount;
    this.view = new StackView(element, `tc-viewer-engine-${n}`, `tc-viewer-${n}`);
    this.measurements = new StackMeasurements(root, studyUid, this.view.viewportId);
    this.toolGroupId = `tc-viewer-tools-${n}`;
    createStackTools(this.toolGroupId, this.view.viewportId, this.view.engine.id);

    for (const e of VIEW_EVENTS) element.addEventListener(e, this.onViewEvent);
    for (const e of TOOL_EVENTS) eventTarget.addEventListener(e, this.onToolEvent);
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
    await this.quietly(async () => {
      const stack = await loadStack(this.root, this.studyUid, seriesUid);
      if (this.destroyed) return;
      if (!stack.length) throw new Error('series has no images');
      await this.view.setStack(seriesUid, stack, index);
      this.measurements.hydratePending(seriesUid);
      this.view.viewport.render();
    });
    // The neighbours load once the first image is on screen, not while it is being drawn.
    if (!this.destroyed && this.view.seriesUid === seriesUid)
      toolUtilities.stackPrefetch.enable(this.element);
    this.afterChange(byUser);
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
    this.afterChange(true);
  }

  /** Deletes the selected measurement (Delete key). */
  deleteSelected(): void {
    if (!this.measurements.deleteSelected()) return;
    this.view.viewport.render();
    this.afterChange(true);
  }

  resize(): void {
    if (!this.view.fitted) {
      this.view.engine.resize(true, true);
      return;
    }
    this.quiet++;
    try {
      this.view.resizeKeepingView();
    } finally {
      this.quiet--;
    }
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
    this.baseline = next;
    await this.quietly(() =>
      showViewerState(next, this.view, this.measurements, {
        load: (seriesUid) => loadStack(this.root, this.studyUid, seriesUid),
        alive: () => !this.destroyed,
        prefetch: () => toolUtilities.stackPrefetch.enable(this.element),
      }),
    );
    if (this.destroyed) return;
    this.baseline = this.readState();
    this.notifyDisplay();
  }

  destroy(): void {
    this.destroyed = true;
    for (const e of VIEW_EVENTS) this.element.removeEventListener(e, this.onViewEvent);
    for (const e of TOOL_EVENTS) eventTarget.removeEventListener(e, this.onToolEvent);
    toolUtilities.stackPrefetch.disable(this.element);
    destroyStackTools(this.toolGroupId);
    this.view.engine.destroy();
  }

  private async quietly(work: () => Promise<void>): Promise<void> {
    this.quiet++;
    try {
      await work();
      // Camera and VOI events of the last render arrive on the next frame.
      await nextFrame();
    } catch (err) {
      this.listener.onError(err);
    } finally {
      this.quiet--;
    }
  }

  /** After our own change: a user's is reported, a programmatic one becomes the new baseline. */
  private afterChange(byUser: boolean): void {
    if (this.destroyed) return;
    this.notifyDisplay();
    if (byUser) this.report();
    else this.baseline = this.readState();
  }

  private notifyDisplay(): void {
    this.listener.onImage(this.view.currentIndex(), this.view.stack.length);
    this.listener.onWindow(this.readWindow());
  }

  private report(): void {
    if (this.quiet > 0 || this.destroyed || !this.view.stack.length) return;
    const state = this.readState();
    if (sameViewerState(this.baseline, state)) return;
    this.baseline = state;
    this.listener.onUserChange(state);
  }

  private readonly onViewEvent = () => {
    if (this.quiet > 0) return;
    this.notifyDisplay();
    this.report();
  };

  private readonly onToolEvent = (evt: Event) => {
    const detail = (evt as CustomEvent<{ annotation?: { metadata?: { referencedImageId?: string } } }>)
      .detail;
    const ref = detail.annotation?.metadata?.referencedImageId;
    if (ref && !this.view.stack.some((s) => s.imageId === ref)) return;
    this.report();
  };
}
