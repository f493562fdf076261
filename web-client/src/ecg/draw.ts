// Paints one frame of the ECG: paper grid, calibration pulses, traces, lead labels, calipers.
// Everything is computed by the pure helpers; this file only talks to the canvas.
import { caliperReadout } from './calipers';
import { CAL_MV, CAL_START_S, CAL_WIDTH_S, type EcgLayout } from './layout';
import { crisp, gridLines, millivoltsToPx, pxPerMm, secondsToPx } from './paper';
import { tracePoints } from './trace';
import type { Caliper, EcgZoom } from './types';

export interface Frame {
  ctx: CanvasRenderingContext2D;
  /** CSS size of the canvas. */
  width: number;
  height: number;
  dpr: number;
  layout: EcgLayout;
  zoom: EcgZoom;
  position: number;
  calipers: readonly Caliper[];
  /** Caliper readout text, already translated. */
  readout: (c: Caliper) => string;
  /** "25 mm/s, 10 mm/mV", printed in the corner as on a paper ECG. */
  paperNote: string;
}

const COLORS = {
  paper: '#fffafa',
  minor: '#f6c9c9',
  major: '#e48a8a',
  trace: '#111',
  label: '#222',
  separator: '#111',
  caliper: '#0b6e99',
  caliperText: '#085577',
};

export function drawFrame(f: Frame): void {
  const { ctx, width, height, dpr, layout, zoom, position } = f;
  const mm = pxPerMm(zoom.scale);
  const left = secondsToPx(position, zoom.speed, zoom.scale);
  const xOf = (s: number) => secondsToPx(s, zoom.speed, zoom.scale) - left;
  const yOf = (mv: number) => millivoltsToPx(mv, zoom.gain, zoom.scale);

  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.fillStyle = COLORS.paper;
  ctx.fillRect(0, 0, width, height);

  // Grid: minor then major, each as one path of 1-device-pixel lines.
  const vertical = gridLines(width, mm, left);
  const horizontal = gridLines(height, mm, 0);
  const lines = (xs: number[], ys: number[], color: string, lineWidth: number) => {
    ctx.beginPath();
    for (const x of xs) {
      const cx = crisp(x, dpr);
      ctx.moveTo(cx, 0);
      ctx.lineTo(cx, height);
    }
    for (const y of ys) {
      const cy = crisp(y, dpr);
      ctx.moveTo(0, cy);
      ctx.lineTo(width, cy);
    }
    ctx.strokeStyle = color;
    ctx.lineWidth = lineWidth;
    ctx.stroke();
  };
  if (mm * dpr >= 2.5) lines(vertical.minor, horizontal.minor, COLORS.minor, 1 / dpr);
  lines(vertical.major, horizontal.major, COLORS.major, Math.max(1, Math.round(dpr)) / dpr);

  // Calibration pulse: 1 mV high, 0.2 s wide, at the start of every row.
  ctx.beginPath();
  for (const baseline of layout.calibrations) {
    const y0 = yOf(baseline);
    const y1 = yOf(baseline - CAL_MV);
    const x0 = xOf(CAL_START_S - 0.05);
    const x1 = xOf(CAL_START_S);
    const x2 = xOf(CAL_START_S + CAL_WIDTH_S);
    const x3 = xOf(CAL_START_S + CAL_WIDTH_S + 0.05);
    ctx.moveTo(x0, y0);
    ctx.lineTo(x1, y0);
    ctx.lineTo(x1, y1);
    ctx.lineTo(x2, y1);
    ctx.lineTo(x2, y0);
    ctx.lineTo(x3, y0);
  }
  ctx.strokeStyle = COLORS.trace;
  ctx.lineWidth = 1.25;
  ctx.lineJoin = 'round';
  ctx.stroke();

  // Traces.
  ctx.beginPath();
  for (const t of layout.traces) {
    const pts = tracePoints(t.samples, t.from, t.to, {
      originX: xOf(t.x) - secondsToPx(t.from / t.samplingFrequency, zoom.speed, zoom.scale),
      pxPerSample: secondsToPx(1 / t.samplingFrequency, zoom.speed, zoom.scale),
      baselineY: yOf(t.baseline),
      pxPerMv: yOf(1),
      minX: 0,
      maxX: width,
      dpr,
    });
    for (let i = 0; i + 1 < pts.length; i += 2) {
      const x = pts[i] ?? 0;
      const y = pts[i + 1] ?? 0;
      if (i === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    }
  }
  ctx.stroke();

  // Column boundaries: a short vertical tick on the baseline.
  ctx.beginPath();
  for (const s of layout.separators) {
    const x = crisp(xOf(s.x), dpr);
    ctx.moveTo(x, yOf(s.baseline - 0.5));
    ctx.lineTo(x, yOf(s.baseline + 0.5));
  }
  ctx.lineWidth = 1;
  ctx.strokeStyle = COLORS.separator;
  ctx.stroke();

  ctx.fillStyle = COLORS.label;
  ctx.font = `600 ${Math.max(11, Math.min(16, 3.2 * mm))}px system-ui, sans-serif`;
  ctx.textBaseline = 'alphabetic';
  for (const l of layout.labels) ctx.fillText(l.text, xOf(l.x), yOf(l.y));

  ctx.font = '12px system-ui, sans-serif';
  ctx.textAlign = 'right';
  ctx.fillText(f.paperNote, width - 8, height - 6);
  ctx.textAlign = 'left';

  drawCalipers(f, xOf, yOf);
}

function drawCalipers(f: Frame, xOf: (s: number) => number, yOf: (mv: number) => number): void {
  const { ctx, width, height, dpr } = f;
  ctx.font = '600 12px system-ui, sans-serif';
  ctx.lineWidth = Math.max(1, Math.round(1.5 * dpr)) / dpr;
  for (const c of f.calipers) {
    ctx.strokeStyle = COLORS.caliper;
    ctx.setLineDash([6, 4]);
    ctx.beginPath();
    if (c.kind === 'time') {
      for (const v of [c.a, c.b]) {
        const x = crisp(xOf(v), dpr);
        ctx.moveTo(x, 0);
        ctx.lineTo(x, height);
      }
    } else {
      for (const v of [c.a, c.b]) {
        const y = crisp(yOf(v), dpr);
        ctx.moveTo(0, y);
        ctx.lineTo(width, y);
      }
    }
    ctx.stroke();
    ctx.setLineDash([]);
    const text = f.readout(c);
    const r = caliperReadout(c);
    const tx = c.kind === 'time' ? Math.min(xOf(c.a), xOf(c.b)) + 4 : 8;
    const ty = c.kind === 'time' ? 16 : Math.min(yOf(c.a), yOf(c.b)) - 6;
    if (r.ms === undefined && r.mv === undefined) continue;
    const w = ctx.measureText(text).width + 8;
    ctx.fillStyle = 'rgba(255,255,255,0.85)';
    ctx.fillRect(tx - 4, ty - 13, w, 17);
    ctx.fillStyle = COLORS.caliperText;
    ctx.fillText(text, tx, ty);
  }
}
