// 远程心电/影像诊断报告: the printable report of one signed version. Portrait A4 pages with the
// header, the 危急值 banner, findings, 诊断意见, the ECG values or key images and the signatures;
// for an ECG a landscape page with the trace on paper grid. Nothing in it depends on who prints
// it or when (footer: request and version only), so one version always prints to the same bytes.
import { genderLabel, PRIORITY_LABELS, type EcgMeasurements } from '@tiered-care/common';
import { assertFont, CJK_FACE, CJK_FONT_PATH, collectPdf, shanghaiTime } from '@tiered-care/referral-api';
import PDFDocument from 'pdfkit';
import type { EcgGroup } from '../ecg/decode';
import { drawEcg, ECG_WIDTH, MM } from './ecgTrace';
import type { ReportDocument } from './reportDocument';
import { body, fields, footer, MARGIN, MUTED, section, WIDTH } from './pdfLayout';

export interface ReportFigures {
  /** The decoded waveform (ECG reports). */
  ecg: EcgGroup[] | null;
  /** Rendered JPEGs: the key images, or the study's first image. */
  images: { jpeg: Buffer; caption: string }[];
}

const GAP = '\u3000';
export const REPORT_TITLES = { ecg: '远程心电诊断报告', imaging: '远程影像诊断报告' } as const;
const AMENDMENTS = { addendum: '补充', correction: '更正' } as const;

export function ecgValues(m: EcgMeasurements): string {
  const v = (x: number | null, unit = ' ms') => (x === null ? '—' : `${x}${unit}`);
  const qt = m.qtMs === null && m.qtcMs === null ? '—' : `${m.qtMs ?? '—'}/${m.qtcMs ?? '—'} ms`;
  return [
    `心率 ${v(m.heartRate, ' 次/分')}`,
    `节律 ${m.rhythm ?? '—'}`,
    `PR ${v(m.prMs)}`,
    `QRS ${v(m.qrsMs)}`,
    `QT/QTc ${qt}`,
    `电轴 ${v(m.axisDeg, '°')}`,
  ].join(GAP);
}

function banner(doc: PDFKit.PDFDocument, colour: string, title: string, text: string): void {
  const y = doc.y + 4;
  const height = doc.fontSize(10.5).heightOfString(text, { width: WIDTH - 16 }) + 30;
  doc.rect(MARGIN, y, WIDTH, height).lineWidth(1.2).strokeColor(colour).stroke();
  doc
    .fontSize(12)
    .fillColor(colour)
    .text(title, MARGIN + 8, y + 6, { width: WIDTH - 16 });
  doc
    .fontSize(10.5)
    .fillColor('black')
    .text(text, MARGIN + 8, doc.y + 2, { width: WIDTH - 16 });
  doc.x = MARGIN;
  doc.y = y + height + 4;
}

function signatures(doc: PDFKit.PDFDocument, d: ReportDocument): void {
  const r = d.report;
  const status = (ok: boolean | null) => (ok ? '已验证' : '签名无效');
  section(doc, '签名');
  fields(doc, [
    ['报告医师', `${r.signedBy.displayName}${r.signedBy.grade === 'trainee' ? '（需上级医师审核）' : ''}`],
    ['签名时间', `${shanghaiTime(new Date(r.signedAt))}${GAP}Ed25519 电子签名${GAP}${status(r.verified)}`],
  ]);
  if (r.cosignedBy && r.cosignedAt) {
    fields(doc, [
      ['审核医师', r.cosignedBy.displayName],
      [
        '审核时间',
        `${shanghaiTime(new Date(r.cosignedAt))}${GAP}Ed25519 电子签名${GAP}${status(r.cosignVerified)}`,
      ],
    ]);
  } else if (r.signedBy.grade === 'trainee') {
    fields(doc, [['审核医师', '（尚未审核）']]);
  }
}

function images(doc: PDFKit.PDFDocument, list: ReportFigures['images']): void {
  section(doc, '关键图像');
  const w = (WIDTH - 12) / 2;
  const h = w * 0.85;
  list.forEach((image, i) => {
    if (i % 2 === 0 && doc.y + h + 20 > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const y = doc.y;
    const x = MARGIN + (i % 2) * (w + 12);
    doc.rect(x, y, w, h).fillColor('black').fill();
    doc.image(image.jpeg, x, y, { fit: [w, h], align: 'center', valign: 'center' });
    doc
      .fontSize(9)
      .fillColor(MUTED)
      .text(image.caption, x, y + h + 3, { width: w, align: 'center' });
    doc.x = MARGIN;
    doc.y = i % 2 === 0 && i < list.length - 1 ? y : y + h + 18;
  });
}

export async function renderReportPdf(d: ReportDocument, figures: ReportFigures): Promise<Buffer> {
  assertFont('diagnosis report');
  const r = d.report;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN + 20, left: MARGIN, right: MARGIN },
    lang: 'zh-CN',
    bufferPages: true,
    // Print queues show the metadata: the request and version, never the patient.
    info: {
      Title: `${REPORT_TITLES[d.kind]} ${d.requestId.slice(0, 8)} 第 ${r.version} 版`,
      CreationDate: new Date(r.signedAt),
    },
  });
  const done = collectPdf(doc);
  doc.registerFont('cjk', CJK_FONT_PATH, CJK_FACE);
  doc.font('cjk');

  doc.fontSize(20).fillColor('black').text(REPORT_TITLES[d.kind], { align: 'center' });
  doc
    .fontSize(11)
    .fillColor(MUTED)
    .text(`${d.centre.institution}${d.centre.department}`, { align: 'center' });
  doc.moveDown(0.4);
  if (r.content.critical)
    banner(doc, '#c00000', '危急值', r.content.criticalNote ?? '本报告含危急值，请立即处理并确认。');
  if (r.amendment) {
    const kind = AMENDMENTS[r.amendment.kind];
    banner(
      doc,
      '#a05a00',
      `${kind}报告（第 ${r.version} 版，${kind}第 ${r.version - 1} 版）`,
      `原因：${r.amendment.reason}`,
    );
  }

  section(doc, '基本信息');
  fields(doc, [
    ['诊断中心', `${d.centre.institution}${GAP}${d.centre.department}`],
    ['申请机构', `${d.fromInstitution}${GAP}申请医师 ${d.requester}`],
    [
      '患者',
      d.patient
        ? `${d.patient.name}${GAP}${genderLabel(d.patient.gender)}${GAP}出生日期 ${d.patient.birthDate}`
        : '—',
    ],
    ['检查', `${d.modality ?? (d.kind === 'ecg' ? 'ECG' : '—')}${GAP}${d.studyInstanceUid}`],
    ['紧急程度', PRIORITY_LABELS[d.priority]],
    ['申请时间', shanghaiTime(new Date(d.requestedAt))],
    ['签发时间', shanghaiTime(new Date(r.cosignedAt ?? r.signedAt))],
  ]);
  const paragraphs: [string, string | null][] = [
    ['临床资料', d.clinicalInfo],
    ['诊断要求', d.question],
    ['心电图测量值', r.content.ecg ? ecgValues(r.content.ecg) : null],
    [d.kind === 'ecg' ? '心电图所见' : '影像所见', r.content.findings],
    ['诊断意见', r.content.impression],
  ];
  for (const [title, text] of paragraphs) {
    if (text === null) continue;
    section(doc, title);
    body(doc, text);
  }
  if (figures.images.length > 0) images(doc, figures.images);
  signatures(doc, d);

  if (figures.ecg) {
    doc.addPage({ size: 'A4', layout: 'landscape', margins: { top: 36, bottom: 20, left: 36, right: 36 } });
    const x = (doc.page.width - ECG_WIDTH) / 2;
    doc
      .fontSize(12)
      .fillColor('black')
      .text(`十二导联心电图${GAP}${d.patient?.name ?? ''}`, x, 30, { lineBreak: false });
    const fs = figures.ecg[0]?.samplingFrequency ?? 0;
    doc
      .fontSize(9)
      .fillColor(MUTED)
      .text(
        `25 mm/s${GAP}10 mm/mV${GAP}${fs} Hz${GAP}${r.content.ecg ? ecgValues(r.content.ecg) : ''}`,
        x,
        48,
        { lineBreak: false },
      );
    drawEcg(doc, figures.ecg, x, 64);
    doc.y = 64 + 4 * 38 * MM;
  }
  footer(doc, `申请编号 ${d.requestId}${GAP}第 ${r.version} 版`);
  doc.end();
  return done;
}
