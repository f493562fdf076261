// Wave boundaries on the median beat, by the simple methods a reader would use by hand:
// QRS onset and offset where the spatial velocity (all leads together) falls below a tenth of
// its peak for 10 ms; P onset where lead II's P upstroke flattens to a tenth of its steepest
// slope for 8 ms; T end where the tangent at the T wave's steepest descent crosses it.
// Every boundary is null when its wave is not clearly there.

export interface Qrs {
  onset: number;
  offset: number;
}

/** √Σ(dx/dk)² over the leads: large inside QRS, small in the P-R and S-T segments. */
export function spatialVelocity(leads: Float64Array[]): Float64Array {
  const n = leads[0]?.length ?? 0;
  const v = new Float64Array(n);
  for (let k = 1; k < n - 1; k++) {
    let sum = 0;
    for (const x of leads) sum += (((x[k + 1] ?? 0) - (x[k - 1] ?? 0)) / 2) ** 2;
    v[k] = Math.sqrt(sum);
  }
  return v;
}

/** First index from `from` stepping by `step` that starts `run` quiet samples, or null. */
function quietFrom(v: Float64Array, from: number, step: 1 | -1, limit: number, thr: number, run: number) {
  let count = 0;
  let start = -1;
  for (let k = from; step > 0 ? k <= limit : k >= limit; k += step) {
    if ((v[k] ?? 0) < thr) {
      if (count === 0) start = k;
      if (++count >= run) return start;
    } else count = 0;
  }
  return null;
}

export function delineateQrs(leads: Float64Array[], r: number, fs: number): Qrs | null {
  const v = spatialVelocity(leads);
  const near = Math.round(0.08 * fs);
  let peak = 0;
  for (let k = Math.max(1, r - near); k <= Math.min(v.length - 2, r + near); k++)
    peak = Math.max(peak, v[k] ?? 0);
  if (peak <= 0) return null;
  const run = Math.max(2, Math.round(0.01 * fs));
  const reach = Math.round(0.2 * fs);
  const onset = quietFrom(v, r, -1, Math.max(1, r - reach), peak / 10, run);
  const offset = quietFrom(v, r, 1, Math.min(v.length - 2, r + reach), peak / 10, run);
  return onset === null || offset === null ? null : { onset, offset };
}

/** The isoelectric level: the P-R segment just before QRS onset. */
export function isoelectric(x: Float64Array, qrsOnset: number, fs: number): number {
  const from = Math.max(0, qrsOnset - Math.round(0.02 * fs));
  const to = Math.max(from + 1, qrsOnset - Math.round(0.005 * fs));
  let sum = 0;
  for (let k = from; k < to; k++) sum += x[k] ?? 0;
  return sum / (to - from);
}

function extremum(x: Float64Array, base: number, from: number, to: number) {
  let at = from;
  for (let k = from; k <= to; k++) if (Math.abs((x[k] ?? 0) - base) > Math.abs((x[at] ?? 0) - base)) at = k;
  return { at, amp: Math.abs((x[at] ?? 0) - base), sign: Math.sign((x[at] ?? 0) - base) };
}

/** Peak-to-peak amplitude inside QRS, against which smaller waves are judged. */
export function qrsSize(x: Float64Array, qrs: Qrs): number {
  const part = x.subarray(qrs.onset, qrs.offset + 1);
  return Math.max(...part) - Math.min(...part);
}

export function pOnset(x: Float64Array, qrs: Qrs, fs: number): number | null {
  const base = isoelectric(x, qrs.onset, fs);
  const from = Math.max(0, qrs.onset - Math.round(0.35 * fs));
  const to = qrs.onset - Math.round(0.04 * fs);
  if (to <= from) return null;
  const p = extremum(x, base, from, to);
  if (p.amp < Math.max(40, 0.04 * qrsSize(x, qrs)) || p.at - from < Math.round(0.03 * fs)) return null;
  // The level before P may sit apart from the P-R segment, so the onset is where P's upstroke
  // starts (its slope falls below a tenth of the steepest), not where it meets a level.
  const h = Math.max(1, Math.round(0.004 * fs));
  const slope = (k: number) => (p.sign * ((x[k + h] ?? 0) - (x[k - h] ?? 0))) / (2 * h);
  let steepest = p.at;
  for (let k = p.at; k > from + h; k--) if (slope(k) > slope(steepest)) steepest = k;
  const quiet = Math.max(2, Math.round(0.008 * fs));
  let count = 0;
  for (let k = steepest; k > from + h; k--) {
    count = slope(k) < slope(steepest) / 10 ? count + 1 : 0;
    if (count >= quiet) return k + quiet - 1;
  }
  return null;
}

/** `limit`: the last sample the T wave may end at (before the next beat's P wave). */
export function tEnd(x: Float64Array, qrs: Qrs, fs: number, limit: number): number | null {
  const base = isoelectric(x, qrs.onset, fs);
  const from = qrs.offset + Math.round(0.06 * fs);
  const h = Math.max(1, Math.round(0.004 * fs));
  const to = Math.min(limit, x.length - 1 - h);
  if (to <= from) return null;
  const t = extremum(x, base, from, to);
  if (t.amp < Math.max(50, 0.05 * qrsSize(x, qrs))) return null;
  // The steepest slope back towards the baseline after the T peak, in signed units per sample.
  let steepest = 0;
  let at = -1;
  for (let k = t.at; k <= to; k++) {
    const slope = (t.sign * ((x[k + h] ?? 0) - (x[k - h] ?? 0))) / (2 * h);
    if (slope < steepest) {
      steepest = slope;
      at = k;
    }
  }
  if (at < 0) return null;
  const end = at + (t.sign * ((x[at] ?? 0) - base)) / -steepest;
  return end <= to ? end : null;
}
