// Samples → polyline points on screen. At 1000 Hz a 2.5 s segment is 2500 samples over ~240 px:
// keeping each device pixel column's minimum and maximum draws the same picture (QRS peaks
// included) with a few hundred points.

export interface TraceView {
  /** CSS px of sample index 0 of the trace (may be off-screen). */
  originX: number;
  /** CSS px per sample. */
  pxPerSample: number;
  /** CSS px of the 0 mV baseline. */
  baselineY: number;
  /** CSS px per mV. */
  pxPerMv: number;
  /** Visible CSS px range; points outside are dropped (one is kept either side). */
  minX: number;
  maxX: number;
  dpr: number;
}

/** Flat [x0, y0, x1, y1, …] in CSS px for samples[from, to). */
export function tracePoints(samples: ArrayLike<number>, from: number, to: number, view: TraceView): number[] {
  const out: number[] = [];
  if (view.pxPerSample <= 0 || to <= from) return out;
  const first = Math.max(from, Math.floor((view.minX - view.originX) / view.pxPerSample) - 1);
  const last = Math.min(to - 1, Math.ceil((view.maxX - view.originX) / view.pxPerSample) + 1);
  if (last < first) return out;
  const y = (v: number) => view.baselineY - v * view.pxPerMv;
  const samplesPerDevicePx = 1 / (view.pxPerSample * view.dpr);
  if (samplesPerDevicePx <= 2) {
    for (let i = first; i <= last; i++) out.push(view.originX + i * view.pxPerSample, y(samples[i] ?? 0));
    return out;
  }
  // Bucket by device pixel column; emit min and max in the order they occur.
  let column = Math.floor((view.originX + first * view.pxPerSample) * view.dpr);
  let minI = first;
  let maxI = first;
  const flush = () => {
    const x = (column + 0.5) / view.dpr;
    const a = Math.min(minI, maxI);
    const b = Math.max(minI, maxI);
    out.push(x, y(samples[a] ?? 0));
    if (a !== b) out.push(x, y(samples[b] ?? 0));
  };
  for (let i = first + 1; i <= last; i++) {
    const c = Math.floor((view.originX + i * view.pxPerSample) * view.dpr);
    if (c !== column) {
      flush();
      column = c;
      minI = i;
      maxI = i;
      continue;
    }
    if ((samples[i] ?? 0) < (samples[minI] ?? 0)) minI = i;
    if ((samples[i] ?? 0) > (samples[maxI] ?? 0)) maxI = i;
  }
  flush();
  return out;
}
