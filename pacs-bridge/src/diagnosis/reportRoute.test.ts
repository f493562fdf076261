// GET /api/diagnosis-requests/:id/report.pdf through the real app, archive and database: the
// requester and the centre's readers get the signed report with the trace or the key image from
// the archive; anybody else 404; nothing signed yet 409, all in the one error shape.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { insertDiagnosisRequest, useBridgeTestApp, type DiagnosisFixture } from '@tiered-care/testkit/bridge';

const t = useBridgeTestApp({ phantom: { slices: 4, size: 256 } });
const dir = mkdtempSync(join(tmpdir(), 'diagnosis-route-test-'));
let ecg: DiagnosisFixture;
let imaging: DiagnosisFixture;
let unsigned: DiagnosisFixture;

before(async () => {
  await t.ready();
  const owner = new pg.Client({ connectionString: t.db.ownerUrl });
  await owner.connect();
  const { demo } = t;
  try {
    ecg = await insertDiagnosisRequest(owner, demo, { kind: 'ecg', critical: true });
    imaging = await insertDiagnosisRequest(owner, demo, {
      kind: 'imaging',
      keyImages: [
        { seriesInstanceUid: demo.ct.seriesInstanceUid, sopInstanceUid: demo.ct.sopInstanceUids[1] ?? '' },
      ],
    });
    unsigned = await insertDiagnosisRequest(owner, demo, { kind: 'ecg', signed: false });
  } finally {
    await owner.end();
  }
});
after(() => rmSync(dir, { recursive: true, force: true }));

const path = (f: DiagnosisFixture, query = '') => `/api/diagnosis-requests/${f.id}/report.pdf${query}`;

async function pdfText(res: Response, name: string): Promise<{ text: string; file: string }> {
  const file = join(dir, name);
  writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  return { text: execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ''), file };
}

test('the requester prints the signed ECG report with its 危急值 banner and the trace page', async () => {
  const res = await t.fetch(path(ecg), { token: await t.login('doctor.c1') });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/pdf');
  const { text, file } = await pdfText(res, 'ecg.pdf');
  for (const want of ['远程心电诊断报告', '危急值', '诊断意见', ecg.impression, '心率61次/分', '25mm/s']) {
    assert.ok(text.includes(want), `missing ${want}`);
  }
  assert.match(execFileSync('pdfinfo', [file], { encoding: 'utf8' }), /Pages:\s+2/);
});

test('a centre reader prints the imaging report with the key image rendered from the archive', async () => {
  const res = await t.fetch(path(imaging), { token: await t.login('radiologist.h1') });
  assert.equal(res.status, 200);
  const { text, file } = await pdfText(res, 'imaging.pdf');
  assert.ok(text.includes('远程影像诊断报告') && text.includes('关键图像1'), text);
  const images = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).trim().split('\n');
  assert.equal(images.length - 2, 1, 'one embedded image');
});

test('outsiders get 404, a version never signed 404, nothing signed yet 409, in the one error shape', async () => {
  const cases: [string, string | null, number, string][] = [
    [path(ecg), 'doctor.c2', 404, 'not_found'],
    [path(ecg), 'coordinator.h2', 404, 'not_found'],
    [path(ecg), null, 401, 'unauthenticated'],
    [path(ecg, '?version=7'), 'doctor.c1', 404, 'not_found'],
    [path(ecg, '?version=x'), 'doctor.c1', 400, 'invalid_request'],
    // A malformed id names nothing (the platform's rule for path parameters).
    ['/api/diagnosis-requests/not-a-uuid/report.pdf', 'doctor.c1', 404, 'not_found'],
    // The ECG centre's reader is not the imaging centre's.
    [path(imaging), 'specialist.h1', 404, 'not_found'],
    [path(unsigned), 'doctor.c1', 409, 'report_not_signed'],
  ];
  for (const [p, user, status, code] of cases) {
    const res = await t.fetch(p, user ? { token: await t.login(user) } : {});
    assert.equal(res.status, status, `${user} ${p}`);
    const body = (await res.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, code, `${user} ${p}`);
  }
});
