// Keyboard on the focused image: arrows and page keys scroll, Home/End jump, Delete removes the
// selected measurement.
import type { KeyboardEvent } from 'react';
import type { StackController } from './stackController';

const MOVES: Record<string, number> = { ArrowUp: -1, ArrowDown: 1, PageUp: -10, PageDown: 10 };

export function onStageKey(controller: StackController | null, e: KeyboardEvent<HTMLDivElement>): void {
  if (!controller) return;
  const delta = MOVES[e.key];
  if (delta !== undefined) {
    e.preventDefault();
    void controller.scrollBy(delta);
  } else if (e.key === 'Home' || e.key === 'End') {
    e.preventDefault();
    void controller.scrollTo(e.key === 'Home' ? 0 : controller.total - 1);
  } else if (e.key === 'Delete' || e.key === 'Backspace') {
    controller.deleteSelected();
  }
}
