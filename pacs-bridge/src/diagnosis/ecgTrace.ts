// The 12-lead ECG as printed on paper, drawn as vectors from the decoded waveform: 1 mm and
// 5 mm grid, 25 mm/s and 10 mm/mV, the standard 3 × 4 layout (2.5 s of each lead, the columns
// consecutive in time) and a 10 s lead II rhythm strip, each row opened by a 1 mV calibration
// pulse. One landscape A4 page.
import type { EcgChannel, EcgGroup } from '../ecg/decode';
import { findLeadII } from '../ecg/decode';

export const MM = 72 / 25.4;
const SPEED = 25; // mm/s
const GAIN = 10; // mm/mV
const COLUMN_S = 2.5;
const ROW_MM = 38;
const CAL_MM = 6;
const LAYOUT = [
  ['I', 'aVR', 'V1', 'V4'],
  ['II', 'aVL', 'V2', 'V5'],
  ['III', 'aVF', 'V3', 'V6'],
] as const;

const PATTERNS: Record<string, RegExp> = {
  I: /\bI\b/,
  II: /\bII\b/,
  III: /\bIII\b/,
  aVR: /\baVR\b/i,
  aVL: /\baVL\b/i,
  aVF: /\baVF\b/i,
  V1: /\bV1\b/,
  V2: /\bV2\b/,
  V3: /\bV3\b/,
  V4: /\bV4\b/,
  V5: /\bV5\b/,
  V6: /\bV6\b/,
};

/** Millivolts per sample unit (µV unless the channel says mV). */
function toMv(c: EcgChannel): number {
  const unit = `${c.unit.code ?? ''} ${c.unit.meaning ?? ''}`.toLowerCase();
  return /\bmv\b|millivolt/.test(unit) ? 1 : 0.001;
}

function median(x: Float64Array): number {
  const s = Float64Array.from(x).sort();
  return s[s.length >> 1] ?? 0;
}

/** The grid: `w` × `h` mm from (x, y) in points. */
function grid(doc: PDFKit.PDFDocument, x: number, y: number, w: number, h: number): void {
  for (const [step, colour, width] of [
    [1, '#f7cfcf', 0.25],
    [5, '#e58a8a', 0.6],
  ] as const) {
    for (let i = 0; i <= w; i += step) doc.moveTo(x + i * MM, y).lineTo(x + i * MM, y + h * MM);
    for (let j = 0; j <= h; j += step) doc.moveTo(x, y + j * MM).lineTo(x + w * MM, y + j * MM);
    doc.lineWidth(width).strokeColor(colour).stroke();
  }
}

/** `seconds` of a channel from `fromS`, baseline at y, starting at x (points). */
function trace(
  doc: PDFKit.PDFDocument,
  c: EcgChannel,
  fs: number,
  fromS: number,
  seconds: number,
  x: number,
  y: number,
) {
  const from = Math.round(fromS * fs);
  const to = Math.min(c.samples.length, Math.round((fromS + seconds) * fs));
  if (to - from < 2) return;
  const part = c.samples.subarray(from, to);
  const centre = median(part);
  const scale = toMv(c) * GAIN * MM;
  // 500 points a second is finer than the pen: 0.05 mm apart at 25 mm/s.
  const step = Math.max(1, Math.round(fs / 500));
  const at = (k: number): [number, number] => [
    x + ((k * SPEED) / fs) * MM,
    y - ((part[k] ?? 0) - centre) * scale,
  ];
  doc.moveTo(...at(0));
  for (let k = step; k < part.length; k += step) doc.lineTo(...at(k));
  doc.lineWidth(0.6).strokeColor('black').stroke();
}

function calibration(doc: PDFKit.PDFDocument, x: number, y: number): void {
  const h = GAIN * MM;
  doc
    .moveTo(x, y)
    .lineTo(x + 1 * MM, y)
    .lineTo(x + 1 * MM, y - h)
    .lineTo(x + 4 * MM, y - h)
    .lineTo(x + 4 * MM, y)
    .lineTo(x + 5 * MM, y)
    .lineWidth(0.6)
    .strokeColor('black')
    .stroke();
}

/** Draws the trace page at (x, y) in points; returns the height used, in points. */
export function drawEcg(doc: PDFKit.PDFDocument, groups: EcgGroup[], x: number, y: number): number {
  const found = findLeadII(groups);
  if (!found) return 0;
  const { group } = found;
  const fs = group.samplingFrequency;
  const lead = (name: string) => group.channels.find((c) => PATTERNS[name]?.test(c.lead));
  const width = CAL_MM + 4 * COLUMN_S * SPEED;
  const rows = LAYOUT.length + 1;
  grid(doc, x, y, width, rows * ROW_MM);
  const label = (text: string, lx: number, ly: number) =>
    doc.fontSize(8).fillColor('black').text(text, lx, ly, { lineBreak: false });
  const rowBaseline = (row: number) => y + (row * ROW_MM + ROW_MM * 0.6) * MM;
  LAYOUT.forEach((names, row) => {
    const base = rowBaseline(row);
    calibration(doc, x + 0.5 * MM, base);
    names.forEach((name, col) => {
      const cx = x + (CAL_MM + col * COLUMN_S * SPEED) * MM;
      const channel = lead(name);
      if (channel) trace(doc, channel, fs, col * COLUMN_S, COLUMN_S, cx, base);
      if (col > 0)
        doc
          .moveTo(cx, base - 3 * MM)
          .lineTo(cx, base + 3 * MM)
          .lineWidth(0.8)
          .stroke();
      label(name, cx + 1.5 * MM, y + (row * ROW_MM + 1.5) * MM);
    });
  });
  const stripBase = rowBaseline(LAYOUT.length);
  calibration(doc, x + 0.5 * MM, stripBase);
  trace(doc, found.channel, fs, 0, 4 * COLUMN_S, x + CAL_MM * MM, stripBase);
  label('II', x + (CAL_MM + 1.5) * MM, y + (LAYOUT.length * ROW_MM + 1.5) * MM);
  return rows * ROW_MM * MM;
}

/** Width of the drawing, in points. */
export const ECG_WIDTH = (CAL_MM + 4 * COLUMN_S * SPEED) * MM;
