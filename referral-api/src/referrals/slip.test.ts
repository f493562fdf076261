// The slip is checked the way a person and a scanner read it: as extracted text and as a
// rasterised page, using poppler (pdftotext, pdftoppm, pdfinfo) from scripts/setup.sh.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { ReferralWithPatient } from './referralRow';
import { renderSlip, type SlipOptions } from './slip';

const dir = mkdtempSync(join(tmpdir(), 'slip-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const referral: ReferralWithPatient = {
  id: '0195a3c2-7d4e-7b1a-9c3f-2e8d5a6b7c10',
  referralNo: 'ZZ20250314000042',
  status: 'scheduled',
  direction: 'up',
  type: 'outpatient',
  priority: 'urgent',
  version: 3,
  patient: {
    id: '0195a3c2-0000-7000-8000-000000000001',
    name: '张秀英',
    gender: 'female',
    birthDate: '1958-07-21',
    idNumberMasked: '**************123X',
    phone: '138****5678',
  },
  patientAccess: 'open',
  from: {
    institutionId: '0195a3c2-0000-7000-8000-0000000000a1',
    institutionName: '青山镇卫生院',
    departmentId: '0195a3c2-0000-7000-8000-0000000000d1',
    departmentName: '全科',
    userId: '0195a3c2-0000-7000-8000-0000000000b1',
    userName: '李建国',
  },
  to: {
    institutionId: '0195a3c2-0000-7000-8000-0000000000a2',
    institutionName: '市第一人民医院',
    departmentId: '0195a3c2-0000-7000-8000-0000000000d2',
    departmentName: '心血管内科',
  },
  reason: '反复胸闷气短两周，基层无法完成冠脉评估，需上级医院进一步检查。',
  diagnosis: { code: 'I20.0', text: '不稳定型心绞痛' },
  summary: '高血压病史十余年，规律服用氨氯地平。近两周活动后胸闷气短，休息后可缓解。',
  studyInstanceUids: [],
  submittedAt: new Date('2025-03-14T02:00:00Z'),
  decisionDueAt: new Date('2025-03-15T02:00:00Z'),
  overdue: false,
  decidedAt: new Date('2025-03-14T06:00:00Z'),
  infoRequest: null,
  rejection: null,
  appointment: {
    at: new Date('2025-03-18T01:30:00Z'),
    location: '门诊楼三层心内科第二诊室',
    slotId: '0195a3c2-0000-7000-8000-0000000000c1',
  },
  checkInCode: 'K7M2QX9A',
  checkedInAt: null,
  completedAt: null,
  feedback: null,
  cancelReason: null,
  parentReferralId: null,
  redirectedToId: null,
  createdAt: new Date('2025-03-14T01:50:00Z'),
  updatedAt: new Date('2025-03-14T06:00:00Z'),
};

const printing: SlipOptions = {
  checkInCode: 'K7M2QX9A',
  printedAt: new Date('2025-03-14T08:05:00Z'),
  printedBy: '王芳',
};

let fileCount = 0;
async function renderToFile(r: ReferralWithPatient, options: SlipOptions): Promise<string> {
  const file = join(dir, `slip-${++fileCount}.pdf`);
  writeFileSync(file, await renderSlip(r, options));
  return file;
}

const textOf = (pdf: string) => execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
const infoOf = (pdf: string) => execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });

/** Rasterise the page the way a phone camera or desk scanner sees it, and look for a QR code. */
function decodeQr(pdf: string): string | null {
  const prefix = pdf.replace(/\.pdf$/, '');
  execFileSync('pdftoppm', ['-r', '150', '-png', '-singlefile', pdf, prefix]);
  const png = PNG.sync.read(readFileSync(`${prefix}.png`));
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
}

describe('referral slip', () => {
  test('the slip names both institutions, the patient, the diagnosis and the appointment', async () => {
    const text = textOf(await renderToFile(referral, printing));
    for (const expected of [
      '张秀英',
      '青山镇卫生院',
      '市第一人民医院',
      'I20.0',
      '上转',
      '门诊楼三层心内科第二诊室',
    ]) {
      assert.ok(text.includes(expected), `slip text lacks ${expected}:\n${text}`);
    }
    // 09:30 in Shanghai, not the server's 01:30 UTC.
    assert.match(text, /2025-03-18 09:30/);
  });

  test('the QR code on the slip carries the check-in code', async () => {
    const pdf = await renderToFile(referral, { ...printing, checkInCode: 'K7M2QX9A' });
    assert.equal(decodeQr(pdf), 'K7M2QX9A');
    assert.ok(textOf(pdf).includes('报到码（到院后出示）'));
  });

  test('a slip without a check-in code has no QR code and says the code comes later', async () => {
    const pdf = await renderToFile(
      { ...referral, status: 'submitted', appointment: null, checkInCode: null },
      { ...printing, checkInCode: null },
    );
    const text = textOf(pdf);
    assert.ok(text.includes('接收方确认后生成'), text);
    assert.ok(text.includes('待安排'), text);
    assert.equal(decodeQr(pdf), null);
  });

  test('a very long summary is cut short so the slip stays on one page', async () => {
    const pdf = await renderToFile({ ...referral, summary: referral.summary.repeat(60) }, printing);
    assert.match(infoOf(pdf), /^Pages:\s+1$/m);
    assert.ok(textOf(pdf).includes('…（详见系统）'));
  });

  test('the PDF metadata carries the referral number but not the patient', async () => {
    const info = infoOf(await renderToFile(referral, printing));
    assert.match(info, /^Title:\s+ZZ20250314000042$/m);
    assert.ok(!info.includes('张秀英'), info);
  });
});
