// Window/level presets and the conversions between a window (width, centre) and the VOI range
// Cornerstone works with. Same formulas as DICOM PS3.3 C.11.2.1.2 (linear function), so a
// width/centre pair survives a round trip through the viewport unchanged.

export const CT_PRESETS = [
  { id: 'lung', windowWidth: 1500, windowCenter: -600 },
  { id: 'mediastinum', windowWidth: 350, windowCenter: 50 },
  { id: 'bone', windowWidth: 2000, windowCenter: 500 },
  { id: 'brain', windowWidth: 80, windowCenter: 40 },
] as const;

export type PresetId = (typeof CT_PRESETS)[number]['id'];

export interface VoiRange {
  lower: number;
  upper: number;
}

export interface Window {
  windowWidth: number;
  windowCenter: number;
}

export function voiRangeFromWindow({ windowWidth, windowCenter }: Window): VoiRange {
  return {
    lower: windowCenter - 0.5 - (windowWidth - 1) / 2,
    upper: windowCenter - 0.5 + (windowWidth - 1) / 2,
  };
}

export function windowFromVoiRange({ lower, upper }: VoiRange): Window {
  return { windowWidth: Math.abs(upper - lower) + 1, windowCenter: (lower + upper + 1) / 2 };
}

/** The preset a window corresponds to (after rounding), for highlighting the active button. */
export function matchPreset(w: Window | null): PresetId | null {
  if (!w) return null;
  const found = CT_PRESETS.find(
    (p) => Math.round(w.windowWidth) === p.windowWidth && Math.round(w.windowCenter) === p.windowCenter,
  );
  return found ? found.id : null;
}

/** Presets make sense only where pixel values are Hounsfield units. */
export function presetsApply(modality: string | null | undefined): boolean {
  return modality === 'CT';
}
