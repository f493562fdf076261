// ECG paper geometry: millimetres, pixels and the grid. The paper is drawn in CSS pixels; the
// canvas backing store is scaled by devicePixelRatio and lines are snapped to device pixels so the
// 1 mm grid stays crisp on any screen.

/** CSS pixels per millimetre (CSS fixes 96 px per inch). */
export const CSS_PX_PER_MM = 96 / 25.4;

export const MINOR_MM = 1;
export const MAJOR_MM = 5;

export function pxPerMm(scale: number): number {
  return CSS_PX_PER_MM * scale;
}

/** Paper seconds → CSS px from the paper origin. */
export function secondsToPx(seconds: number, speed: number, scale: number): number {
  return seconds * speed * pxPerMm(scale);
}

export function pxToSeconds(px: number, speed: number, scale: number): number {
  return px / (speed * pxPerMm(scale));
}

/** Paper millivolts (downwards from the top) → CSS px. */
export function millivoltsToPx(mv: number, gain: number, scale: number): number {
  return mv * gain * pxPerMm(scale);
}

export function pxToMillivolts(px: number, gain: number, scale: number): number {
  return px / (gain * pxPerMm(scale));
}

export interface GridLines {
  minor: number[];
  major: number[];
}

/**
 * Positions (CSS px, 0…extent) of the 1 mm and 5 mm lines of a paper scrolled by `offsetPx`
 * (the paper x at the left edge). Major lines are not repeated among the minor ones.
 */
export function gridLines(extentPx: number, mmPx: number, offsetPx = 0): GridLines {
  const minor: number[] = [];
  const major: number[] = [];
  if (mmPx <= 0 || extentPx <= 0) return { minor, major };
  const firstMm = Math.ceil(offsetPx / mmPx - 1e-9) || 0;
  for (let mm = firstMm; ; mm++) {
    const x = mm * mmPx - offsetPx;
    if (x > extentPx + 1e-9) break;
    if (mm % MAJOR_MM === 0) major.push(x);
    else minor.push(x);
  }
  return { minor, major };
}

/** Centre of the device pixel nearest to `x`, so a 1-device-pixel line is not smeared over two. */
export function crisp(x: number, dpr: number): number {
  return (Math.round(x * dpr - 0.5) + 0.5) / dpr;
}

/** Backing-store size for a canvas of the given CSS size. */
export function backingSize(
  cssWidth: number,
  cssHeight: number,
  dpr: number,
): { width: number; height: number } {
  return { width: Math.max(1, Math.round(cssWidth * dpr)), height: Math.max(1, Math.round(cssHeight * dpr)) };
}
