// 会诊报告: the printable report of a concluded consultation, in the referral slip's font and
// hand. Flowing A4 pages (opinions can be long), every page footed with the consultation id
// and the page number, the conclusion shown with its signature's verification.
import {
  CONSULTATION_STATUS_LABELS,
  PRIORITY_LABELS,
  REFERRAL_ADVICE_LABELS,
  genderLabel,
} from '@tiered-care/common';
import PDFDocument from 'pdfkit';
import { assertFont, CJK_FACE, CJK_FONT_PATH, collectPdf } from '../pdf';
import { shanghaiTime } from '../referrals/slip';
import type { ConsultationRecord } from './record';

const MARGIN = 48;
const WIDTH = 595.28 - 2 * MARGIN;
const MUTED = '#555555';
const RULE = '#999999';
const GAP = '\u3000'; // ideographic space, the usual separator on Chinese forms

export interface ReportOptions {
  printedAt: Date;
  printedBy: string;
}

export async function renderReport(r: ConsultationRecord, options: ReportOptions): Promise<Buffer> {
  assertFont('consultation report');
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN + 20, left: MARGIN, right: MARGIN },
    lang: 'zh-CN',
    bufferPages: true,
    // Metadata shows up in print queues: the consultation, never the patient.
    info: { Title: `远程会诊报告 ${r.id.slice(0, 8)}`, CreationDate: options.printedAt },
  });
  const done = collectPdf(doc);
  doc.registerFont('cjk', CJK_FONT_PATH, CJK_FACE);
  doc.font('cjk');

  doc.fontSize(20).fillColor('black').text('远程会诊报告', { align: 'center' });
  doc.moveDown(0.3);
  doc
    .fontSize(10)
    .fillColor(MUTED)
    .text(`${r.title}${GAP}·${GAP}${CONSULTATION_STATUS_LABELS[r.status]}`, { align: 'center' });
  rule(doc, 1);

  const host = r.participants.find((p) => p.role === 'host');
  section(doc, '基本信息');
  fields(doc, [
    ['会诊时间', r.scheduledAt ? `${shanghaiTime(r.scheduledAt)}（${r.durationMinutes ?? ''} 分钟）` : '—'],
    [
      '实际时间',
      r.startedAt ? `${shanghaiTime(r.startedAt)} 至 ${r.endedAt ? shanghaiTime(r.endedAt) : '—'}` : '—',
    ],
    [
      '主持专家',
      host ? `${host.displayName}（${host.institutionName ?? ''} ${host.departmentName ?? ''}）` : '—',
    ],
  ]);
  if (r.request) {
    fields(doc, [
      ['申请机构', `${r.request.requesterInstitution.name}${GAP}${r.request.requestedBy.displayName}`],
      [
        '受邀机构',
        `${r.request.toInstitution.name}${r.request.toDepartment ? `${GAP}${r.request.toDepartment.name}` : ''}`,
      ],
      ['紧急程度', PRIORITY_LABELS[r.request.priority]],
    ]);
  }
  if (r.patient) {
    section(doc, '患者信息');
    fields(doc, [
      ['姓名', r.patient.name],
      ['性别', genderLabel(r.patient.gender)],
      ['出生日期', r.patient.birthDate],
    ]);
  }
  if (r.request?.question) {
    section(doc, '会诊目的');
    body(doc, r.request.question);
  }

  section(doc, '参会人员');
  for (const p of r.participants) {
    const s = r.attendanceSummary.find((a) => a.userId === p.userId);
    const role = p.role === 'host' ? '主持' : p.role === 'cohost' ? '协同主持' : '参会';
    const presence = s ? `在线 ${s.minutes} 分钟` : '未参会';
    body(
      doc,
      `${p.displayName}${p.title ? `（${p.title}）` : ''}${GAP}${p.institutionName ?? ''} ${p.departmentName ?? ''}${GAP}${role}${GAP}${presence}`,
    );
  }

  section(doc, '会诊意见');
  if (r.opinions.length === 0) body(doc, '（无）');
  for (const o of r.opinions) {
    doc
      .fontSize(10.5)
      .fillColor('black')
      .text(`${o.author.displayName}${GAP}${o.author.institutionName ?? ''}`);
    body(doc, o.text);
    doc
      .fontSize(9)
      .fillColor(MUTED)
      .text(
        `电子签名 ${shanghaiTime(o.signedAt)}${GAP}第 ${o.revision} 版${GAP}${o.valid ? '签名已验证' : '签名无效'}`,
      );
    doc.moveDown(0.4);
  }

  section(doc, '会诊结论');
  if (r.conclusion) {
    fields(doc, [['转诊建议', REFERRAL_ADVICE_LABELS[r.conclusion.referralAdvice ?? 'none']]]);
    doc.fontSize(10.5).fillColor('black').text('诊断：');
    body(doc, r.conclusion.diagnosis);
    doc.fontSize(10.5).fillColor('black').text('建议：');
    body(doc, r.conclusion.recommendation);
    doc
      .fontSize(9)
      .fillColor(MUTED)
      .text(
        `主持专家电子签名：${r.conclusion.concludedBy.displayName}${GAP}${shanghaiTime(r.conclusion.concludedAt)}${GAP}Ed25519${GAP}${
          r.conclusion.verified ? '签名已验证' : '签名无效'
        }`,
      );
  } else {
    body(doc, '（尚未出具结论）');
  }

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing inside the bottom margin would make pdfkit start a new page; lift it for the footer.
    doc.page.margins.bottom = 0;
    const y = 841.89 - MARGIN;
    doc
      .fontSize(8)
      .fillColor(MUTED)
      .text(
        `会诊编号 ${r.id}${GAP}打印 ${shanghaiTime(options.printedAt)} ${options.printedBy}${GAP}第 ${i + 1}/${range.count} 页`,
        MARGIN,
        y,
        { width: WIDTH, align: 'center', lineBreak: false },
      );
  }
  doc.end();
  return done;
}

function section(doc: PDFKit.PDFDocument, title: string): void {
  doc.moveDown(0.6);
  doc.fontSize(12).fillColor('black').text(title, MARGIN);
  rule(doc, 0.5);
}

function rule(doc: PDFKit.PDFDocument, width: number): void {
  const y = doc.y + 2;
  doc
    .moveTo(MARGIN, y)
    .lineTo(MARGIN + WIDTH, y)
    .lineWidth(width)
    .strokeColor(RULE)
    .stroke();
  doc.y = y + 5;
}

function fields(doc: PDFKit.PDFDocument, pairs: [string, string][]): void {
  for (const [label, value] of pairs) {
    doc.fontSize(10.5).fillColor(MUTED).text(`${label}：`, MARGIN, doc.y, { continued: true });
    doc.fillColor('black').text(value);
  }
}

function body(doc: PDFKit.PDFDocument, text: string): void {
  doc.fontSize(10.5).fillColor('black').text(text, MARGIN, doc.y, { width: WIDTH, lineGap: 2 });
}
