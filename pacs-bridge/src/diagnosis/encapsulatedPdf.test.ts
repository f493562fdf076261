// The report as a DICOM Encapsulated PDF, read back with DCMTK (dcmtk in scripts/setup.sh):
// dcm2pdf gives back the very PDF, dcmdump shows the study, patient and document attributes.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { encapsulatedPdf, ENCAPSULATED_PDF_STORAGE, pdfOfEncapsulated } from './encapsulatedPdf';

const dir = mkdtempSync(join(tmpdir(), 'encapsulated-pdf-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));

// An odd length on purpose: DICOM pads values to even lengths, the document must not grow.
const text = '%PDF-1.3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n';
const pdf = Buffer.from(text.length % 2 ? text : `${text} `);

const input = {
  pdf,
  study: {
    StudyInstanceUID: '1.2.826.0.1.3680043.2.1125.1.1',
    StudyDate: '20260110',
    StudyTime: '093000',
    AccessionNumber: 'DEMO0001',
    StudyID: '1',
    ReferringPhysicianName: '',
    PatientName: 'ZHANG^GUILAN',
    PatientID: '110101195603140027',
    PatientBirthDate: '19560314',
    PatientSex: 'F',
  },
  seriesInstanceUid: '2.25.1234',
  sopInstanceUid: '2.25.5678',
  instanceNumber: 2,
  title: '远程心电诊断报告 第 2 版',
  signedAt: new Date('2026-12-07T03:20:00Z'),
};

test('DCMTK reads the file as an Encapsulated PDF of the study and gives back the same PDF', () => {
  assert.equal(pdf.length % 2, 1);
  const file = join(dir, 'report.dcm');
  writeFileSync(file, encapsulatedPdf(input));
  execFileSync('dcm2pdf', [file, join(dir, 'out.pdf')]);
  const out = readFileSync(join(dir, 'out.pdf'));
  // dcm2pdf keeps the pad byte; the length attribute says where the document ends.
  assert.ok(out.subarray(0, pdf.length).equals(pdf));
  const dump = execFileSync('dcmdump', ['+U8', '-Un', file], { encoding: 'utf8' });
  for (const [tag, value] of [
    ['(0008,0016)', ENCAPSULATED_PDF_STORAGE],
    ['(0008,0018)', '2.25.5678'],
    ['(0008,0060)', 'DOC'],
    ['(0020,000d)', '1.2.826.0.1.3680043.2.1125.1.1'],
    ['(0020,000e)', '2.25.1234'],
    ['(0010,0020)', '110101195603140027'],
    ['(0010,0010)', 'ZHANG^GUILAN'],
    ['(0008,0050)', 'DEMO0001'],
    ['(0008,0005)', 'ISO_IR 192'],
    ['(0008,103e)', '诊断报告'],
    ['(0042,0010)', '远程心电诊断报告 第 2 版'],
    ['(0042,0012)', 'application/pdf'],
    ['(0042,0015)', String(pdf.length)],
    ['(0008,0023)', '20261207'],
    ['(0008,0033)', '112000'],
  ] as const) {
    const line = dump.split('\n').find((l) => l.startsWith(tag));
    assert.ok(line?.includes(value), `${tag}: ${line ?? 'missing'}`);
  }
});

test('the PDF read back from the DICOM file is the exact document, without the pad byte', () => {
  assert.ok(pdfOfEncapsulated(encapsulatedPdf(input)).equals(pdf));
});
