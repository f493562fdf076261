// The tools the left mouse button can run; the names only, so the toolbar needs no tools code.
export const PRIMARY_TOOLS = ['WindowLevel', 'Pan', 'Zoom', 'Length', 'Angle'] as const;
export type PrimaryTool = (typeof PRIMARY_TOOLS)[number];
