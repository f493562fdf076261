// The viewer's tool group: the left button runs the chosen primary tool; the middle button pans,
// the right one zooms and the wheel scrolls whatever the choice.
import {
  AngleTool,
  Enums as ToolEnums,
  LengthTool,
  PanTool,
  StackScrollTool,
  ToolGroupManager,
  WindowLevelTool,
  ZoomTool,
  type Types as ToolTypes,
} from '@cornerstonejs/tools';
import { PRIMARY_TOOLS, type PrimaryTool } from './toolNames';

const { MouseBindings } = ToolEnums;

/** Tool classes type their static name as `any`. */
const nameOf = (tool: { toolName: unknown }): string => String(tool.toolName);

export function createStackTools(toolGroupId: string, viewportId: string, engineId: string): void {
  const group = ToolGroupManager.createToolGroup(toolGroupId);
  if (!group) throw new Error('tool group could not be created');
  for (const tool of [WindowLevelTool, PanTool, ZoomTool, StackScrollTool, LengthTool, AngleTool]) {
    group.addTool(nameOf(tool));
  }
  group.addViewport(viewportId, engineId);
  setPrimaryTool(toolGroupId, 'WindowLevel');
}

export function setPrimaryTool(toolGroupId: string, tool: PrimaryTool): void {
  const group = ToolGroupManager.getToolGroup(toolGroupId);
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

export function destroyStackTools(toolGroupId: string): void {
  ToolGroupManager.destroyToolGroup(toolGroupId);
}
