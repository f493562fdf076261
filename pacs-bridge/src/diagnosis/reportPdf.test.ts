// The diagnosis report PDF read the way a person and a scanner read it: extracted text
// (pdftotext), embedded images (pdfimages) and a rasterised ECG page (pdftoppm), with poppler
// from scripts/setup.sh. The ECG is pydicom's real 12-lead recording.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import dcmjs from 'dcmjs';
import { PNG } from 'pngjs';
import type { DiagnosisReportVersion } from '@tiered-care/common';
import { isDicomJson } from '@tiered-care/common/dicomJson';
import { PYDICOM_TEST_FILES } from '../demo/loadDemoStudies';
import { decodeGroup, waveformGroups, type EcgGroup } from '../ecg/decode';
import { encode } from '../render/encode';
import type { ReportDocument } from './reportDocument';
import { renderReportPdf } from './reportPdf';

const dir = mkdtempSync(join(tmpdir(), 'diagnosis-pdf-test-'));
after(() => (process.env.KEEP_PDF ? console.log(dir) : rmSync(dir, { recursive: true, force: true })));

function demoEcg(): EcgGroup[] {
  const file = readFileSync(`${PYDICOM_TEST_FILES}/waveform_ecg.dcm`);
  const message = dcmjs.data.DicomMessage.readFile(
    file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength),
  );
  const dict: unknown = message.dict;
  assert.ok(isDicomJson(dict));
  return waveformGroups(dict).map((g) => {
    const value = (g['54001010']?.Value ?? [])[0];
    assert.ok(value instanceof ArrayBuffer);
    return decodeGroup(g, new Uint8Array(value));
  });
}

const signer = { userId: 'u-1', displayName: '周主任', grade: 'senior' as const };
function version(n: number, over: Partial<DiagnosisReportVersion> = {}): DiagnosisReportVersion {
  return {
    version: n,
    content: {
      findings: '窦性心律，心率 61 次/分，各导联 ST 段未见明显偏移。',
      impression: '1. 窦性心律\n2. 正常心电图',
      critical: false,
      ecg: {
        heartRate: 61,
        rhythm: '窦性心律',
        prMs: 159,
        qrsMs: 66,
        qtMs: 364,
        qtcMs: 367,
        axisDeg: 46,
      },
    },
    amendment: null,
    signedBy: signer,
    signedAt: '2026-12-07T03:20:00.000Z',
    verified: true,
    cosignedBy: null,
    cosignedAt: null,
    cosignVerified: null,
    pacs: null,
    ...over,
  };
}

const ecgDocument: ReportDocument = {
  requestId: '0195a3c2-7d4e-7b1a-9c3f-2e8d5a6b7c10',
  kind: 'ecg',
  priority: 'emergency',
  modality: 'ECG',
  studyInstanceUid: '1.3.76.13.65829.2.20130125082826.1072139.2',
  requestedAt: '2026-12-07T03:05:00.000Z',
  requester: '李建国',
  fromInstitution: '青山镇卫生院',
  centre: { institution: '市第一人民医院', department: '心内科' },
  patient: { name: '张桂兰', gender: 'female', birthDate: '1956-03-02' },
  clinicalInfo: '胸闷两小时，既往高血压。',
  question: '是否急性心肌缺血？',
  report: version(2, {
    content: {
      ...version(2).content,
      critical: true,
      criticalNote: '请立即复查心肌酶并联系上级医院',
    },
    amendment: { kind: 'correction', reason: '补充危急值提示' },
    signedBy: { userId: 'u-2', displayName: '王住院', grade: 'trainee' },
    cosignedBy: { userId: 'u-1', displayName: '周主任' },
    cosignedAt: '2026-12-07T03:30:00.000Z',
    cosignVerified: true,
  }),
};

const pdfText = (path: string) => execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
const flat = (s: string) => s.replace(/\s+/g, '');

test('an ECG report carries the header, findings, 诊断意见, measured values, 危急值 and both signatures', async () => {
  const pdf = await renderReportPdf(ecgDocument, { ecg: demoEcg(), images: [] });
  const path = join(dir, 'ecg.pdf');
  writeFileSync(path, pdf);
  const text = flat(pdfText(path));
  for (const want of [
    '远程心电诊断报告',
    '市第一人民医院心内科',
    '青山镇卫生院',
    '李建国',
    '张桂兰',
    '急诊',
    '2026-12-0711:05', // requested, Asia/Shanghai
    '危急值',
    '请立即复查心肌酶并联系上级医院',
    '诊断意见',
    '正常心电图',
    '各导联ST段未见明显偏移',
    '心率61次/分',
    'PR159ms',
    'QRS66ms',
    'QT/QTc364/367ms',
    '电轴46°',
    '更正',
    '补充危急值提示',
    '王住院',
    '周主任',
    '已验证',
    '25mm/s',
    '10mm/mV',
  ]) {
    assert.ok(text.includes(flat(want)), `missing ${want}`);
  }
  const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  assert.match(info, /Pages:\s+2/);
  // The trace page is landscape A4.
  assert.match(
    execFileSync('pdfinfo', ['-f', '2', '-l', '2', path], { encoding: 'utf8' }),
    /Page\s+2 size:\s+841\.89 x 595\.28/,
  );
});

test('the ECG page is drawn as vectors on the pink paper grid: no embedded image, dark trace pixels', async () => {
  const pdf = await renderReportPdf(ecgDocument, { ecg: demoEcg(), images: [] });
  const path = join(dir, 'grid.pdf');
  writeFileSync(path, pdf);
  const images = execFileSync('pdfimages', ['-list', path], { encoding: 'utf8' }).trim().split('\n');
  assert.equal(images.length, 2, 'header lines only: no raster image');
  execFileSync('pdftoppm', [
    '-f',
    '2',
    '-l',
    '2',
    '-r',
    '50',
    '-png',
    '-singlefile',
    path,
    join(dir, 'grid'),
  ]);
  const png = PNG.sync.read(readFileSync(join(dir, 'grid.png')));
  let pink = 0;
  let dark = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    const [r = 0, g = 0, b = 0] = [png.data[i], png.data[i + 1], png.data[i + 2]];
    if (r > 200 && g < 200 && b < 200 && r - g > 40) pink++;
    if (r < 90 && g < 90 && b < 90) dark++;
  }
  const total = png.width * png.height;
  assert.ok(pink / total > 0.02, `grid pixels ${pink}/${total}`);
  assert.ok(dark / total > 0.005, `trace pixels ${dark}/${total}`);
});

test('an imaging report embeds its key images and says what they are', async () => {
  const side = 64;
  const data = new Uint8Array(side * side).map((_, i) => (i % side) * 4);
  const jpeg = await encode(
    { width: side, height: side, channels: 1, data },
    { type: 'image/jpeg', quality: 90, window: null, viewport: null },
  );
  const doc: ReportDocument = {
    ...ecgDocument,
    kind: 'imaging',
    modality: 'CT',
    centre: { institution: '市第一人民医院', department: '放射科' },
    report: version(1, {
      content: {
        findings: '右肺上叶见结节影，边界清。',
        impression: '右肺上叶结节，建议随访。',
        critical: false,
      },
    }),
  };
  const pdf = await renderReportPdf(doc, {
    ecg: null,
    images: [
      { jpeg, caption: '关键图像 1：序列 2 / 图像 30' },
      { jpeg, caption: '关键图像 2' },
    ],
  });
  const path = join(dir, 'imaging.pdf');
  writeFileSync(path, pdf);
  const text = flat(pdfText(path));
  for (const want of [
    '远程影像诊断报告',
    '放射科',
    '右肺上叶结节，建议随访',
    '关键图像1：序列2/图像30',
    '已验证',
  ]) {
    assert.ok(text.includes(flat(want)), `missing ${want}`);
  }
  assert.ok(!text.includes('危急值'), 'no critical banner on a routine finding');
  const listed = execFileSync('pdfimages', ['-list', path], { encoding: 'utf8' }).trim().split('\n');
  assert.equal(listed.length - 2, 2, 'two embedded images');
});

test('the same document renders to the same bytes (what the archive keeps is what the route serves)', async () => {
  const a = await renderReportPdf(ecgDocument, { ecg: demoEcg(), images: [] });
  const b = await renderReportPdf(ecgDocument, { ecg: demoEcg(), images: [] });
  assert.ok(a.equals(b));
});
