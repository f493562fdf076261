// What every printable document shares: the CJK font (Debian `fonts-wqy-microhei`, installed by
// scripts/setup.sh) and collecting pdfkit's stream into one buffer.
import { existsSync } from 'node:fs';

export const CJK_FONT_PATH = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
// PostScript names of the two faces inside the TTC; pdfkit needs one to pick a face.
export const CJK_FACE = 'WenQuanYiMicroHei';
export const CJK_MONO_FACE = 'WenQuanYiMicroHeiMono';

export function assertFont(what: string): void {
  if (!existsSync(CJK_FONT_PATH)) {
    throw new Error(`${what} font missing: ${CJK_FONT_PATH} (apt-get install fonts-wqy-microhei)`);
  }
}

/** Resolves with the whole PDF once `doc.end()` has been called. */
export function collectPdf(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}
