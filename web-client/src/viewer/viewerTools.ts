// Everything of @cornerstonejs/tools the viewer uses, in a chunk of its own that loads after the
// first image is on screen: the tool group (window/level, pan, zoom, scroll, length, angle), the
// measurements, and prefetching the neighbouring slices. A clinic's link brings the picture first.
import { Enums, eventTarget, utilities as coreUtilities } from '@cornerstonejs/core';
import {
  AngleTool,
  Enums as ToolEnums,
  LengthTool,
  PanTool,
  StackScrollTool,
  WindowLevelTool,
  ZoomTool,
  addTool,
  init as toolsInit,
  state,
  utilities,
} from '@cornerstonejs/tools';
import { StackMeasurements } from './stackMeasurements';
import { createStackTools, destroyStackTools, setPrimaryTool } from './stackTools';
import type { PrimaryTool } from './toolNames';

const TOOL_EVENTS = [
  ToolEnums.Events.ANNOTATION_COMPLETED,
  ToolEnums.Events.ANNOTATION_MODIFIED,
  ToolEnums.Events.ANNOTATION_REMOVED,
];

let initialised = false;

export interface ViewerTools {
  readonly measurements: StackMeasurements;
  setPrimaryTool(tool: PrimaryTool): void;
  /** Starts loading the slices around the one shown. */
  prefetch(): void;
  destroy(): void;
}

export function attachTools(o: {
  element: HTMLDivElement;
  root: string;
  studyUid: string;
  viewportId: string;
  engineId: string;
  toolGroupId: string;
  onToolEvent: (evt: Event) => void;
}): ViewerTools {
  if (!initialised) {
    initialised = true;
    toolsInit();
    for (const tool of [WindowLevelTool, PanTool, ZoomTool, StackScrollTool, LengthTool, AngleTool]) {
      addTool(tool);
    }
  }
  // The viewport was enabled before the tools existed, so their input listeners (mouse, wheel,
  // keys) and annotation layer were never added to it: announce the element to them again.
  if (!state.enabledElements.includes(o.element)) {
    coreUtilities.triggerEvent(eventTarget, Enums.Events.ELEMENT_ENABLED, {
      element: o.element,
      viewportId: o.viewportId,
      renderingEngineId: o.engineId,
    });
  }
  createStackTools(o.toolGroupId, o.viewportId, o.engineId);
  for (const e of TOOL_EVENTS) eventTarget.addEventListener(e, o.onToolEvent);
  return {
    measurements: new StackMeasurements(o.root, o.studyUid, o.viewportId),
    setPrimaryTool: (tool) => setPrimaryTool(o.toolGroupId, tool),
    prefetch: () => utilities.stackPrefetch.enable(o.element),
    destroy: () => {
      for (const e of TOOL_EVENTS) eventTarget.removeEventListener(e, o.onToolEvent);
      utilities.stackPrefetch.disable(o.element);
      destroyStackTools(o.toolGroupId);
    },
  };
}
