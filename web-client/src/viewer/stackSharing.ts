// Who changed a stack view: the local user's changes are reported as full ViewerState snapshots;
// the ones we make ourselves (loading a series, applying a remote state) are not. It compares
// with the last state both sides agree on, so a remote state is never reported back.
import { Enums } from '@cornerstonejs/core';
import type { Window } from './presets';
import type { StackView } from './stackView';
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

const VIEW_EVENTS = [Enums.Events.STACK_NEW_IMAGE, Enums.Events.VOI_MODIFIED, Enums.Events.CAMERA_MODIFIED];

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

export class StackSharing {
  /** The last state the other side knows (sent by us or applied from them). */
  private baseline: ViewerState | null = null;
  /** >0 while we change the viewport ourselves; events then are not user changes. */
  private quiet = 0;
  private ended = false;

  constructor(
    private readonly element: HTMLDivElement,
    private readonly view: StackView,
    private readonly listener: ControllerListener,
    private readonly readState: () => ViewerState,
  ) {
    for (const e of VIEW_EVENTS) element.addEventListener(e, this.onViewEvent);
  }

  get destroyed(): boolean {
    return this.ended;
  }

  /** Runs our own change of the viewport; its events are not the user's, its failure goes to onError. */
  async quietly(work: () => Promise<void>): Promise<void> {
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

  /** The same for a change that is over when `work` returns. */
  quietlyNow(work: () => void): void {
    this.quiet++;
    try {
      work();
    } finally {
      this.quiet--;
    }
  }

  /** A remote state is what both sides now agree on. */
  agree(state: ViewerState): void {
    this.baseline = state;
  }

  /** After our own change: a user's is reported, a programmatic one becomes the new baseline. */
  afterChange(byUser: boolean): void {
    if (this.ended) return;
    this.notifyDisplay();
    if (byUser) this.report();
    else this.baseline = this.readState();
  }

  notifyDisplay(): void {
    this.listener.onImage(this.view.currentIndex(), this.view.stack.length);
    this.listener.onWindow(this.view.readWindow());
  }

  destroy(): void {
    this.ended = true;
    for (const e of VIEW_EVENTS) this.element.removeEventListener(e, this.onViewEvent);
  }

  private report(): void {
    if (this.quiet > 0 || this.ended || !this.view.stack.length) return;
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

  /** A measurement was drawn, moved or removed (the tools chunk listens for it, see viewerTools.ts). */
  readonly onToolEvent = (evt: Event) => {
    const detail = (evt as CustomEvent<{ annotation?: { metadata?: { referencedImageId?: string } } }>)
      .detail;
    const ref = detail.annotation?.metadata?.referencedImageId;
    if (ref && !this.view.stack.some((s) => s.imageId === ref)) return;
    this.report();
  };
}
