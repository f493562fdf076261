// Second-order (biquad) filters designed for any sampling rate (RBJ audio EQ cookbook), run
// forward then backward so they add no delay: R peaks found in the filtered signal line up with
// the recorded samples. Pure functions over plain arrays.

interface Biquad {
  b0: number;
  b1: number;
  b2: number;
  a1: number;
  a2: number;
}

function design(kind: 'lowpass' | 'highpass', cutoffHz: number, fs: number): Biquad {
  const w0 = (2 * Math.PI * cutoffHz) / fs;
  const alpha = Math.sin(w0) / (2 * Math.SQRT1_2);
  const cos = Math.cos(w0);
  const a0 = 1 + alpha;
  const b1 = kind === 'lowpass' ? 1 - cos : -(1 + cos);
  const b0 = kind === 'lowpass' ? (1 - cos) / 2 : (1 + cos) / 2;
  return { b0: b0 / a0, b1: b1 / a0, b2: b0 / a0, a1: (-2 * cos) / a0, a2: (1 - alpha) / a0 };
}

function run(f: Biquad, x: Float64Array): Float64Array {
  const y = new Float64Array(x.length);
  // Start from the first sample as a steady state, so an offset doesn't ring at the start.
  let x1 = x[0] ?? 0;
  let x2 = x1;
  const settled = (f.b0 + f.b1 + f.b2) / (1 + f.a1 + f.a2);
  let y1 = x1 * settled;
  let y2 = y1;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i] ?? 0;
    const yi = f.b0 * xi + f.b1 * x1 + f.b2 * x2 - f.a1 * y1 - f.a2 * y2;
    y[i] = yi;
    x2 = x1;
    x1 = xi;
    y2 = y1;
    y1 = yi;
  }
  return y;
}

function zeroPhase(f: Biquad, x: Float64Array): Float64Array {
  const forward = run(f, x).reverse();
  return run(f, forward).reverse();
}

/** Band-pass from `lowHz` to `highHz`. */
export function bandPass(signal: ArrayLike<number>, fs: number, lowHz: number, highHz: number): Float64Array {
  const x = Float64Array.from(signal);
  return zeroPhase(design('lowpass', highHz, fs), zeroPhase(design('highpass', lowHz, fs), x));
}

/** Five-point derivative (Pan & Tompkins 1985), centred, in units per second. */
export function derivative(x: Float64Array, fs: number): Float64Array {
  const y = new Float64Array(x.length);
  const at = (i: number) => x[Math.min(x.length - 1, Math.max(0, i))] ?? 0;
  for (let i = 0; i < x.length; i++) {
    y[i] = ((2 * at(i + 2) + at(i + 1) - at(i - 1) - 2 * at(i - 2)) * fs) / 8;
  }
  return y;
}

/** Centred moving average over `width` samples. */
export function movingAverage(x: Float64Array, width: number): Float64Array {
  const y = new Float64Array(x.length);
  const half = Math.floor(width / 2);
  let sum = 0;
  let from = 0;
  let to = -1;
  for (let i = 0; i < x.length; i++) {
    const lo = Math.max(0, i - half);
    const hi = Math.min(x.length - 1, i + half);
    while (to < hi) sum += x[++to] ?? 0;
    while (from < lo) sum -= x[from++] ?? 0;
    y[i] = sum / (hi - lo + 1);
  }
  return y;
}
