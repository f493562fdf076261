// The printable referral slip: one A4 page the patient carries to the receiving hospital. Everything
// variable is fitted into a fixed box, so the slip can never spill onto a second sheet.
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { assertFont, CJK_FACE, CJK_FONT_PATH, CJK_MONO_FACE, collectPdf } from '../pdf';
import type { ReferralWithPatient } from './referralRow';
import { DIRECTION_LABELS, PRIORITY_LABELS, STATUS_LABELS, TYPE_LABELS, genderLabel } from './slipLabels';

/** WenQuanYi Micro Hei (Debian `fonts-wqy-microhei`), installed by scripts/setup.sh. */
export const SLIP_FONT_PATH = CJK_FONT_PATH;

export interface SlipOptions {
  checkInCode: string | null;
  printedAt: Date;
  printedBy: string;
}

const PAGE_MARGIN = 40;
const LEFT = PAGE_MARGIN;
const RIGHT = 595.28 - PAGE_MARGIN; // A4 width in points
const WIDTH = RIGHT - LEFT;
const QR_BOX = 150;
const FOOTER_TOP = 841.89 - PAGE_MARGIN - 46; // A4 height in points
const MUTED = '#555555';
const RULE = '#999999';
const GAP = '\u3000'; // ideographic space, the usual separator on Chinese forms

const SHANGHAI = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** Slips are read in China whatever the server's zone is. */
export function shanghaiTime(at: Date): string {
  const parts = SHANGHAI.formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

export async function renderSlip(referral: ReferralWithPatient, options: SlipOptions): Promise<Buffer> {
  assertFont('referral slip');
  const doc = new PDFDocument({
    size: 'A4',
    margin: PAGE_MARGIN,
    lang: 'zh-CN',
    // Metadata shows up in mail previews and print queues: the referral number, never the patient.
    info: { Title: referral.referralNo, CreationDate: options.printedAt },
  });
  const done = collectPdf(doc);
  doc.registerFont('cjk', CJK_FONT_PATH, CJK_FACE);
  doc.registerFont('cjk-mono', CJK_FONT_PATH, CJK_MONO_FACE);
  doc.font('cjk');

  drawHeader(doc, referral, options.printedAt);
  const leftWidth = WIDTH - QR_BOX - 16;
  let y = 118;
  y = section(doc, '患者信息', LEFT, y, leftWidth);
  y = fieldRow(doc, y, LEFT, leftWidth, [
    ['姓名', referral.patient.name],
    ['性别', genderLabel(referral.patient.gender)],
  ]);
  y = fieldRow(doc, y, LEFT, leftWidth, [
    ['出生日期', referral.patient.birthDate],
    ['电话', referral.patient.phone],
  ]);
  y = fieldRow(doc, y, LEFT, leftWidth, [['身份证号', referral.patient.idNumberMasked]]);
  y = section(doc, '转出', LEFT, y + 6, leftWidth);
  y = fieldRow(doc, y, LEFT, leftWidth, [['转出机构', referral.from.institutionName]]);
  y = fieldRow(doc, y, LEFT, leftWidth, [
    ['转出科室', referral.from.departmentName],
    ['转出医生', referral.from.userName],
  ]);
  y = section(doc, '转入', LEFT, y + 6, leftWidth);
  y = fieldRow(doc, y, LEFT, leftWidth, [['转入机构', referral.to.institutionName]]);
  y = fieldRow(doc, y, LEFT, leftWidth, [['转入科室', referral.to.departmentName]]);
  y = Math.max(y, drawCheckIn(doc, options.checkInCode, RIGHT - QR_BOX, 118));

  const appointment = referral.appointment
    ? `${shanghaiTime(referral.appointment.at)}${GAP}${referral.appointment.location ?? '地点待通知'}`
    : '待安排';
  y = section(doc, '初步诊断', LEFT, y + 6, WIDTH);
  y = paragraph(doc, `${referral.diagnosis.code}${GAP}${referral.diagnosis.text}`, y, 2, '…');
  y = section(doc, '预约', LEFT, y + 6, WIDTH);
  y = paragraph(doc, appointment, y, 1, '…');
  y = section(doc, '转诊原因', LEFT, y + 6, WIDTH);
  y = paragraph(doc, referral.reason, y, 4, '…');
  y = section(doc, '病情摘要', LEFT, y + 6, WIDTH);
  const summaryLines = Math.floor((FOOTER_TOP - 8 - y) / lineHeight(doc, 10.5));
  paragraph(doc, referral.summary, y, summaryLines, '…（详见系统）');

  drawFooter(doc, options);
  doc.end();
  return done;
}

function drawHeader(doc: PDFKit.PDFDocument, referral: ReferralWithPatient, printedAt: Date): void {
  doc
    .fontSize(20)
    .fillColor('black')
    .text(`双向转诊单（${DIRECTION_LABELS[referral.direction]}）`, LEFT, PAGE_MARGIN, {
      width: WIDTH,
      align: 'center',
      lineBreak: false,
    });
  fieldRow(doc, 74, LEFT, WIDTH, [
    ['转诊编号', referral.referralNo],
    ['打印时间', shanghaiTime(printedAt)],
  ]);
  fieldRow(doc, 92, LEFT, WIDTH, [
    ['优先级', PRIORITY_LABELS[referral.priority]],
    ['类型', TYPE_LABELS[referral.type]],
    ['状态', STATUS_LABELS[referral.status]],
  ]);
  hRule(doc, 110, LEFT, RIGHT, 1);
}

/** A section title with a rule under it; returns where its content starts. */
function section(doc: PDFKit.PDFDocument, title: string, x: number, y: number, width: number): number {
  doc.fontSize(12).fillColor('black').text(title, x, y, { width, lineBreak: false });
  hRule(doc, y + 17, x, x + width, 0.5);
  return y + 22;
}

/** Label/value pairs side by side in equal columns, each value cut to one line. */
function fieldRow(
  doc: PDFKit.PDFDocument,
  y: number,
  x: number,
  width: number,
  fields: [label: string, value: string | null][],
): number {
  const column = width / fields.length;
  fields.forEach(([label, value], i) => {
    const cx = x + i * column;
    const labelText = `${label}：`;
    doc.fontSize(9.5).fillColor(MUTED);
    const labelWidth = doc.widthOfString(labelText);
    doc.text(labelText, cx, y + 1, { lineBreak: false });
    const valueWidth = column - labelWidth - 8;
    doc.fontSize(10.5).fillColor('black');
    const fitted = fit(doc, value ?? '—', valueWidth, 1, '…');
    doc.text(fitted, cx + labelWidth, y, { width: valueWidth, lineBreak: false });
  });
  return y + 18;
}

/** Full-width wrapped text of at most `lines` lines; returns the y below it. */
function paragraph(doc: PDFKit.PDFDocument, text: string, y: number, lines: number, suffix: string): number {
  doc.fontSize(10.5).fillColor('black');
  const fitted = fit(doc, text, WIDTH, lines, suffix);
  doc.text(fitted, LEFT, y, { width: WIDTH, lineGap: 2 });
  return y + doc.heightOfString(fitted, { width: WIDTH, lineGap: 2 }) + 2;
}

function lineHeight(doc: PDFKit.PDFDocument, size: number): number {
  return doc.fontSize(size).heightOfString('国', { lineGap: 2 });
}

/**
 * The longest prefix of `text` (plus `suffix` when cut) that wraps into `lines` lines at the
 * current font size. Binary search over code points, so a cut never splits a surrogate pair.
 */
function fit(doc: PDFKit.PDFDocument, text: string, width: number, lines: number, suffix: string): string {
  if (lines < 1) return '';
  const limit = lines * doc.heightOfString('国', { width, lineGap: 2 }) + 0.5;
  const fits = (s: string) => doc.heightOfString(s, { width, lineGap: 2 }) <= limit;
  if (fits(text)) return text;
  const chars = Array.from(text);
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(chars.slice(0, mid).join('').trimEnd() + suffix)) lo = mid;
    else hi = mid - 1;
  }
  return chars.slice(0, lo).join('').trimEnd() + suffix;
}

/** One muted line centred under (or in place of) the QR code. */
function qrNote(doc: PDFKit.PDFDocument, text: string, size: number, x: number, y: number): void {
  doc
    .font('cjk')
    .fontSize(size)
    .fillColor(MUTED)
    .text(text, x, y, { width: QR_BOX, align: 'center', lineBreak: false });
}

/** The QR code and the same code in letters, or a note that it comes once the referral is accepted. */
function drawCheckIn(doc: PDFKit.PDFDocument, code: string | null, x: number, y: number): number {
  if (code === null) {
    doc.lineWidth(0.8).dash(3, { space: 3 }).strokeColor(RULE).rect(x, y, QR_BOX, 60).stroke().undash();
    qrNote(doc, '报到码：接收方确认后生成', 10, x, y + 24);
    return y + 60;
  }
  const modules = QRCode.create(code, { errorCorrectionLevel: 'M' }).modules;
  // Four modules of white around the symbol: scanners need the quiet zone to find the finder patterns.
  const quiet = 4;
  const cell = QR_BOX / (modules.size + 2 * quiet);
  // The colour is set before the path: PDF allows no colour operators between path and fill.
  doc.fillColor('black');
  for (let row = 0; row < modules.size; row++) {
    // One rectangle per horizontal run of dark modules: no hairline seams when rasterised.
    for (let col = 0; col < modules.size; col++) {
      if (!modules.get(row, col)) continue;
      const start = col;
      while (col + 1 < modules.size && modules.get(row, col + 1)) col++;
      doc.rect(x + (quiet + start) * cell, y + (quiet + row) * cell, (col + 1 - start) * cell, cell);
    }
  }
  doc.fill();
  const textY = y + QR_BOX;
  doc
    .font('cjk-mono')
    .fontSize(20)
    .text(code, x, textY, { width: QR_BOX, align: 'center', characterSpacing: 2, lineBreak: false });
  qrNote(doc, '报到码（到院后出示）', 9.5, x, textY + 26);
  return textY + 42;
}

function drawFooter(doc: PDFKit.PDFDocument, options: SlipOptions): void {
  hRule(doc, FOOTER_TOP, LEFT, RIGHT, 0.5);
  fieldRow(doc, FOOTER_TOP + 8, LEFT, WIDTH, [
    ['打印人', options.printedBy],
    ['转出医生签名', '＿＿＿＿＿＿＿＿'],
  ]);
  doc
    .fontSize(8)
    .fillColor(MUTED)
    .text('请携带本单及身份证件，按预约时间到转入机构就诊。', LEFT, FOOTER_TOP + 30, { lineBreak: false });
}

function hRule(doc: PDFKit.PDFDocument, y: number, x1: number, x2: number, width: number): void {
  doc.lineWidth(width).strokeColor(RULE).moveTo(x1, y).lineTo(x2, y).stroke();
}
