// The report's page furniture: sections with a rule, label：value lines, body text and the
// footer on every page, in the hand of the consultation report.
export const MARGIN = 48;
export const WIDTH = 595.28 - 2 * MARGIN;
export const MUTED = '#555555';
const RULE = '#999999';

export function section(doc: PDFKit.PDFDocument, title: string): void {
  doc.moveDown(0.6);
  doc.fontSize(12).fillColor('black').text(title, MARGIN);
  const y = doc.y + 2;
  doc
    .moveTo(MARGIN, y)
    .lineTo(MARGIN + WIDTH, y)
    .lineWidth(0.5)
    .strokeColor(RULE)
    .stroke();
  doc.y = y + 5;
}

export function fields(doc: PDFKit.PDFDocument, pairs: [string, string][]): void {
  for (const [label, value] of pairs) {
    doc.fontSize(10.5).fillColor(MUTED).text(`${label}：`, MARGIN, doc.y, { continued: true });
    doc.fillColor('black').text(value);
  }
}

export function body(doc: PDFKit.PDFDocument, text: string): void {
  doc.fontSize(10.5).fillColor('black').text(text, MARGIN, doc.y, { width: WIDTH, lineGap: 2 });
}

export function footer(doc: PDFKit.PDFDocument, text: string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing inside the bottom margin would make pdfkit start a new page; lift it for the footer.
    doc.page.margins.bottom = 0;
    doc
      .fontSize(8)
      .fillColor(MUTED)
      .text(`${text}\u3000第 ${i + 1}/${range.count} 页`, 30, doc.page.height - 30, {
        width: doc.page.width - 60,
        align: 'center',
        lineBreak: false,
      });
  }
}
