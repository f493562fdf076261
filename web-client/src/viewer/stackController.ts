// One stack viewport with its rendering engine, tool group and events, for one study. The React
// panel drives it; it reports local changes as full ViewerState snapshots and applies remote ones
// without reporting them back (it compares with the last state both sides agree on).
import { Enums, RenderingEngine, eventTarget, type StackViewport, type Types } from '@cornerstonejs/core';
import {
  AngleTool,
  Enums as ToolEnums,
  LengthTool,
  PanTool,
  StackScrollTool,
  ToolGroupManager,
  WindowLevelTool,
  ZoomTool,
  annotation,
  utilities as toolUtilities,
  type Types as ToolTypes,
} from '@cornerstonejs/tools';
import { cameraFor, panOf, zoomOf, type CameraLike } from './camera';
import { clampIndex, type StackEntry } from './imageIds';
import { measurementImageId, sortMeasurements, toMeasurement } from './measurements';
import { voiRangeFromWindow, windowFromVoiRange, type Window } from './presets';
import { loadStack } from './studyLoader';
import {
  diffMeasurements,
  sameViewerState,
  type Measurement,
  type Vec2,
  type ViewerState,
} from './viewState';

export const PRIMARY_TOOLS = ['WindowLevel', 'Pan', 'Zoom', 'Length', 'Angle'] as const;
export type PrimaryTool = (typeof PRIMARY_TOOLS)[number];

export interface ControllerListener {
  /** The displayed image or stack changed (for the counter and slider). */
  onImage: (index: number, total: number) => void;
  /** The window changed (for highlighting a preset). */
  onWindow: (w: Window | null) => void;
  /** The local user changed the shared state. */
  onUserChange: (state: ViewerState) => void;
  onError: (error: unknown) => void;
}

const { MouseBindings } = ToolEnums;
const TOOL_EVENTS = [
  ToolEnums.Events.ANNOTATION_COMPLETED,
  ToolEnums.Events.ANNOTATION_MODIFIED,
  ToolEnums.Events.ANNOTATION_REMOVED,
];
const VIEW_EVENTS = [Enums.Events.STACK_NEW_IMAGE, Enums.Events.VOI_MODIFIED, Enums.Events.CAMERA_MODIFIED];

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

let instanceCount = 0;

/** Tool classes type their static name as `any`. */
const nameOf = (tool: { toolName: unknown }): string => String(tool.toolName);

/** The annotation with this uid, if any (the typings say it always exists; it does not). */
function findAnnotation(uid: string): ToolTypes.Annotation | undefined {
  const found: ToolTypes.Annotation | undefined = annotation.state.getAnnotation(uid);
  return found;
}

export class StackController {
  readonly element: HTMLDivElement;
  private readonly engine: RenderingEngine;
  private readonly viewportId: string;
  private readonly toolGroupId: string;
  private stack: StackEntry[] = [];
  private seriesUid: string | null = null;
  /** The last state the other side knows (sent by us or applied from them). */
  private baseline: ViewerState | null = null;
  /** >0 while we change the viewport ourselves; events then are not user changes. */
  private quiet = 0;
  /** Remote measurements on series not displayed yet; drawn when their series is shown. */
  private pending = new Map<string, Measurement>();
  /** The fitted camera of the current series and viewport size: zoom 1, pan 0. */
  private fit: CameraLike | null = null;
  private destroyed = false;

  constructor(
    element: HTMLDivElement,
    private readonly root: string,
    private readonly studyUid: string,
    private readonly listener: ControllerListener,
  ) {
    this.element = element;
    const n = ++instanceCount;
    this.engine = new RenderingEngine(`tc-viewer-engine-${n}`);
    this.viewportId = `tc-viewer-${n}`;
    this.toolGroupId = `tc-viewer-tools-${n}`;
    this.engine.enableElement({
      viewportId: this.viewportId,
      type: Enums.ViewportType.STACK,
      element,
      defaultOptions: { background: [0, 0, 0] },
    });
    element.querySelector('canvas')?.setAttribute('data-testid', 'viewer-canvas');

    const group = ToolGroupManager.createToolGroup(this.toolGroupId);
    if (!group) throw new Error('tool group could not be created');
    for (const tool of [WindowLevelTool, PanTool, ZoomTool, StackScrollTool, LengthTool, AngleTool]) {
      group.addTool(nameOf(tool));
    }
    group.addViewport(this.viewportId, this.engine.id);
    this.setPrimaryTool('WindowLevel');

    for (const e of VIEW_EVENTS) element.addEventListener(e, this.onViewEvent);
    for (const e of TOOL_EVENTS) eventTarget.addEventListener(e, this.onToolEvent);
  }

  private get viewport(): StackViewport {
    return this.engine.getViewport<StackViewport>(this.viewportId);
  }

  get total(): number {
    return this.stack.length;
  }

  get currentSeriesUid(): string | null {
    return this.seriesUid;
  }

  setPrimaryTool(tool: PrimaryTool): void {
    const group = ToolGroupManager.getToolGroup(this.toolGroupId);
    if (!group) return;
    const extra: Record<string, ToolTypes.IToolBinding[] | undefined> = {
      [nameOf(PanTool)]: [{ mouseButton: MouseBindings.Auxiliary }],
      [nameOf(ZoomTool)]: [{ mouseButton: MouseBindings.Secondary }],
      [nameOf(StackScrollTool)]: [{ mouseButton: MouseBindings.Wheel }],
    };
    for (const name of [...PRIMARY_TOOLS, nameOf(StackScrollTool)]) {
      group.setToolPassive(name, { removeAllBindings: true });
      const bindings = [...(extra[name] ?? [])];
      if (name === tool) bindings.push({ mouseButton: MouseBindings.Primary });
      if (bindings.length) group.setToolActive(name, { bindings });
    }
  }

  /** Shows a series (local choice or remote state); `index` defaults to the first image. */
  async showSeries(seriesUid: string, index = 0, byUser = false): Promise<void> {
    await this.quietly(async () => {
      const stack = await loadStack(this.root, this.studyUid, seriesUid);
      if (this.destroyed) return;
      if (!stack.length) throw new Error('series has no images');
      this.stack = stack;
      this.seriesUid = seriesUid;
      await this.viewport.setStack(
        stack.map((s) => s.imageId),
        clampIndex(index, stack.length),
      );
      // A new series has its own size and geometry: fit it, whatever the last one's zoom was.
      this.refit();
      this.hydratePending();
      this.viewport.render();
    });
    // The neighbours load once the first image is on screen, not while it is being drawn.
    if (!this.destroyed && this.seriesUid === seriesUid) toolUtilities.stackPrefetch.enable(this.element);
    this.afterChange(byUser);
  }

  async scrollTo(index: number): Promise<void> {
    if (!this.stack.length) return;
    await this.viewport.setImageIdIndex(clampIndex(index, this.stack.length));
  }

  /** Relative to the image being loaded, so key presses during a slow load are not lost. */
  scrollBy(delta: number): Promise<void> {
    return this.scrollTo(this.viewport.getTargetImageIdIndex() + delta);
  }

  setWindow(w: Window | null): void {
    if (!this.stack.length) return;
    if (w) this.viewport.setProperties({ voiRange: voiRangeFromWindow(w) });
    else this.viewport.resetProperties();
    this.viewport.render();
  }

  /** Back to the image's own window, fitted, unpanned (measurements stay). */
  reset(): void {
    if (!this.stack.length) return;
    this.viewport.resetProperties();
    this.refit();
    this.viewport.render();
  }

  clearMeasurements(): void {
    for (const m of this.localMeasurements()) annotation.state.removeAnnotation(m.uid);
    this.pending.clear();
    this.viewport.render();
    this.afterChange(true);
  }

  /** Deletes the selected measurement (Delete key). */
  deleteSelected(): void {
    const selected = annotation.selection.getAnnotationsSelected();
    if (!selected.length) return;
    for (const uid of selected) annotation.state.removeAnnotation(uid);
    this.viewport.render();
    this.afterChange(true);
  }

  /** Keeps zoom and pan relative to the new fit, so a fitted image stays fitted. */
  resize(): void {
    if (!this.fit || !this.stack.length) {
      this.engine.resize(true, true);
      return;
    }
    const { zoom, pan } = this.readState();
    this.quiet++;
    try {
      this.engine.resize(true, true);
      this.refit();
      this.setZoomPan(zoom, pan);
      this.viewport.render();
    } finally {
      this.quiet--;
    }
  }

  readWindow(): Window | null {
    const range = this.stack.length ? this.viewport.getProperties().voiRange : undefined;
    return range ? windowFromVoiRange(range) : null;
  }

  readState(): ViewerState {
    const w = this.readWindow();
    const vp = this.viewport;
    const shown = this.stack.length > 0;
    const camera = shown && this.fit ? this.camera() : null;
    return {
      studyUid: this.studyUid,
      seriesUid: this.seriesUid,
      imageIndex: shown ? vp.getCurrentImageIdIndex() : 0,
      windowWidth: w?.windowWidth ?? null,
      windowCenter: w?.windowCenter ?? null,
      zoom: camera && this.fit ? zoomOf(this.fit, camera) : 1,
      pan: camera && this.fit ? panOf(this.fit, camera) : [0, 0],
      measurements: sortMeasurements([...this.localMeasurements(), ...this.pending.values()]),
    };
  }

  /** Applies a remote state; nothing is reported back for it. */
  async applyState(next: ViewerState): Promise<void> {
    if (next.studyUid !== this.studyUid) return;
    this.baseline = next;
    await this.quietly(async () => {
      if (next.seriesUid && next.seriesUid !== this.seriesUid) {
        const stack = await loadStack(this.root, this.studyUid, next.seriesUid);
        if (this.destroyed || !stack.length) return;
        this.stack = stack;
        this.seriesUid = next.seriesUid;
        await this.viewport.setStack(
          stack.map((s) => s.imageId),
          clampIndex(next.imageIndex, stack.length),
        );
        this.refit();
        toolUtilities.stackPrefetch.enable(this.element);
      } else if (this.stack.length && next.imageIndex !== this.viewport.getCurrentImageIdIndex()) {
        await this.viewport.setImageIdIndex(clampIndex(next.imageIndex, this.stack.length));
      }
      if (this.destroyed || !this.stack.length) return;
      const vp = this.viewport;
      if (next.windowWidth !== null && next.windowCenter !== null) {
        vp.setProperties({
          voiRange: voiRangeFromWindow({ windowWidth: next.windowWidth, windowCenter: next.windowCenter }),
        });
      } else {
        vp.resetProperties();
      }
      this.setZoomPan(next.zoom, next.pan);
      this.applyMeasurements(next.measurements);
      vp.render();
    });
    if (this.destroyed) return;
    this.baseline = this.readState();
    this.notifyDisplay();
  }

  destroy(): void {
    this.destroyed = true;
    for (const e of VIEW_EVENTS) this.element.removeEventListener(e, this.onViewEvent);
    for (const e of TOOL_EVENTS) eventTarget.removeEventListener(e, this.onToolEvent);
    toolUtilities.stackPrefetch.disable(this.element);
    ToolGroupManager.destroyToolGroup(this.toolGroupId);
    this.engine.destroy();
  }

  private camera(): CameraLike {
    return this.viewport.getCamera() as CameraLike;
  }

  private refit(): void {
    this.viewport.resetCamera();
    this.fit = this.camera();
  }

  private setZoomPan(zoom: number, pan: Vec2): void {
    if (!this.fit) return;
    this.viewport.setCamera(cameraFor(this.fit, this.camera(), zoom, pan));
  }

  private localMeasurements(): Measurement[] {
    const out: Measurement[] = [];
    for (const a of annotation.state.getAllAnnotations()) {
      const m = toMeasurement(a, this.studyUid);
      if (m) out.push(m);
    }
    return out;
  }

  private applyMeasurements(target: Measurement[]): void {
    const current = [...this.localMeasurements(), ...this.pending.values()];
    const { upserts, removals } = diffMeasurements(current, target);
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
    this.hydratePending();
    toolUtilities.triggerAnnotationRenderForViewportIds([this.viewportId]);
  }

  /** Draws remote measurements that belong to the displayed series. */
  private hydratePending(): void {
    for (const m of [...this.pending.values()]) {
      if (m.seriesUid !== this.seriesUid) continue;
      const Tool = m.tool === 'Length' ? LengthTool : AngleTool;
      Tool.hydrate(
        this.viewportId,
        m.points.map((p) => [...p] as Types.Point3),
        { annotationUID: m.uid, referencedImageId: measurementImageId(this.root, this.studyUid, m) },
      );
      this.pending.delete(m.uid);
    }
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
    const index = this.stack.length ? this.viewport.getCurrentImageIdIndex() : 0;
    this.listener.onImage(index, this.stack.length);
    this.listener.onWindow(this.readWindow());
  }

  private report(): void {
    if (this.quiet > 0 || this.destroyed || !this.stack.length) return;
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
    if (ref && !this.stack.some((s) => s.imageId === ref)) return;
    this.report();
  };
}
