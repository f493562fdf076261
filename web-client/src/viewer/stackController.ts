// One stack viewport with its tool group, for one study: the commands the React panel gives it.
// What the user changes is reported through StackSharing (stackSharing.ts), which also keeps
// remote states from being reported back.
import type { Window } from './presets';
import { StackSharing, type ControllerListener } from './stackSharing';
import { readViewerState, showViewerState } from './stackState';
import { StackView } from './stackView';
import { loadStack } from './studyLoader';
import type { PrimaryTool } from './toolNames';
import type { ViewerTools } from './viewerTools';
import type { ViewerState } from './viewState';

let instanceCount = 0;

export class StackController {
  readonly element: HTMLDivElement;
  private readonly view: StackView;
  private readonly toolGroupId: string;
  private readonly sharing: StackSharing;
  /** The tools chunk, attached once the first image is shown (or a remote state needs it). */
  private tools: ViewerTools | null = null;
  private toolsLoading: Promise<ViewerTools | null> | null = null;
  private primaryTool: PrimaryTool = 'WindowLevel';

  constructor(
    element: HTMLDivElement,
    private readonly root: string,
    private readonly studyUid: string,
    private readonly listener: ControllerListener,
  ) {
    this.element = element;
    const n = ++instanceCount;
    this.view = new StackView(element, `tc-viewer-engine-${n}`, `tc-viewer-${n}`);
    this.toolGroupId = `tc-viewer-tools-${n}`;
    this.sharing = new StackSharing(element, this.view, listener, () => this.readState());
    element.addEventListener('wheel', this.wheelBeforeTools, { passive: false });
  }

  /** Until the tools (and their scroll tool) are in, the wheel still pages through the stack. */
  private readonly wheelBeforeTools = (e: WheelEvent) => {
    if (this.tools || !this.view.stack.length || e.deltaY === 0) return;
    e.preventDefault();
    void this.scrollBy(Math.sign(e.deltaY));
  };

  get total(): number {
    return this.view.stack.length;
  }

  get currentSeriesUid(): string | null {
    return this.view.seriesUid;
  }

  setPrimaryTool(tool: PrimaryTool): void {
    this.primaryTool = tool;
    this.tools?.setPrimaryTool(tool);
  }

  /** Loads and attaches the tools once; null when the viewer went meanwhile. */
  private loadTools(): Promise<ViewerTools | null> {
    this.toolsLoading ??= import('./viewerTools').then(
      ({ attachTools }) => {
        if (this.sharing.destroyed) return null;
        this.tools = attachTools({
          element: this.element,
          root: this.root,
          studyUid: this.studyUid,
          viewportId: this.view.viewportId,
          engineId: this.view.engine.id,
          toolGroupId: this.toolGroupId,
          onToolEvent: this.sharing.onToolEvent,
        });
        this.tools.setPrimaryTool(this.primaryTool);
        return this.tools;
      },
      (err: unknown) => {
        this.toolsLoading = null;
        this.listener.onError(err);
        return null;
      },
    );
    return this.toolsLoading;
  }

  /** Shows a series (local choice or remote state); `index` defaults to the first image. */
  async showSeries(seriesUid: string, index = 0, byUser = false): Promise<void> {
    await this.sharing.quietly(async () => {
      const stack = await loadStack(this.root, this.studyUid, seriesUid);
      if (this.sharing.destroyed) return;
      if (!stack.length) throw new Error('series has no images');
      await this.view.setStack(seriesUid, stack, index);
      this.tools?.measurements.hydratePending(seriesUid);
      this.view.viewport.render();
    });
    this.sharing.afterChange(byUser);
    // Tools, measurements and the neighbours come once the image is on screen, not before.
    const tools = await this.loadTools();
    if (!tools || this.sharing.destroyed || this.view.seriesUid !== seriesUid) return;
    tools.measurements.hydratePending(seriesUid);
    this.view.viewport.render();
    tools.prefetch();
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
    if (!this.tools) return;
    this.tools.measurements.clear();
    this.view.viewport.render();
    this.sharing.afterChange(true);
  }

  /** Deletes the selected measurement (Delete key). */
  deleteSelected(): void {
    if (!this.tools?.measurements.deleteSelected()) return;
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
    return readViewerState(this.studyUid, this.view, this.tools?.measurements.all() ?? []);
  }

  /** Applies a remote state; nothing is reported back for it. */
  async applyState(next: ViewerState): Promise<void> {
    if (next.studyUid !== this.studyUid) return;
    this.sharing.agree(next);
    // A remote state may carry measurements: they need the tools.
    const tools = await this.loadTools();
    if (!tools) return;
    await this.sharing.quietly(() =>
      showViewerState(next, this.view, tools.measurements, {
        load: (seriesUid) => loadStack(this.root, this.studyUid, seriesUid),
        alive: () => !this.sharing.destroyed,
        prefetch: () => tools.prefetch(),
      }),
    );
    if (this.sharing.destroyed) return;
    this.sharing.agree(this.readState());
    this.sharing.notifyDisplay();
  }

  destroy(): void {
    this.sharing.destroy();
    this.element.removeEventListener('wheel', this.wheelBeforeTools);
    this.tools?.destroy();
    this.view.engine.destroy();
  }
}
