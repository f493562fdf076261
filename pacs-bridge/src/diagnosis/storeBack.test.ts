// Store-back through the real app, archive and database: a final report version arrives in its
// study as an Encapsulated PDF (series 诊断报告, modality DOC) whose document is the PDF the route
// serves for that version; with the archive down the failure is recorded, and once the archive is
// started again the object arrives.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import dcmjs from 'dcmjs';
import pg from 'pg';
import { str, type DicomJson } from '@tiered-care/common/dicomJson';
import { startOrthanc, waitFor } from '@tiered-care/testkit';
import { insertDiagnosisRequest, useBridgeTestApp } from '@tiered-care/testkit/bridge';
import { boundaryOf, parseMultipart } from '../dicom/multipart';
import { toArrayBuffer } from '../dicom/part10';
import { TAG } from '../dicom/tags';
import { ENCAPSULATED_PDF_STORAGE, pdfOfEncapsulated } from './encapsulatedPdf';
import { reportInstanceUid } from './storeBack';

const t = useBridgeTestApp({ phantom: { slices: 4, size: 256 }, bridge: { reportStorePollMs: 250 } });
let owner: pg.Client;

before(async () => {
  await t.ready();
  owner = new pg.Client({ connectionString: t.db.ownerUrl });
  owner.on('error', () => undefined);
  await owner.connect();
});
after(() => owner.end());

interface StoreState {
  sop: string | null;
  attempts: number;
  error: string | null;
}

async function stateOf(requestId: string): Promise<StoreState> {
  const { rows } = await owner.query<StoreState>(
    `SELECT pacs_sop_instance_uid AS sop, pacs_attempts AS attempts, pacs_error AS error
     FROM diagnosis_reports WHERE request_id = $1 AND version = 1`,
    [requestId],
  );
  const row = rows[0];
  assert.ok(row);
  return row;
}

async function json(res: Response): Promise<DicomJson[]> {
  assert.equal(res.status, 200);
  return (await res.json()) as DicomJson[];
}

/** The report objects the archive lists in the study (QIDO), and the first one's file. */
async function reportObjects(study: string): Promise<{ series: DicomJson[]; file: Buffer | null }> {
  const series = await json(await t.direct(`/studies/${study}/series?Modality=DOC&includefield=0008103E`));
  const uid = series[0] ? str(series[0], TAG.SeriesInstanceUID) : null;
  if (!uid) return { series, file: null };
  const [instance] = await json(await t.direct(`/studies/${study}/series/${uid}/instances`));
  const sop = instance ? str(instance, TAG.SOPInstanceUID) : null;
  const res = await t.direct(`/studies/${study}/series/${uid}/instances/${sop}`, {
    headers: { accept: 'multipart/related; type="application/dicom"' },
  });
  const body = Buffer.from(await res.arrayBuffer());
  const part = parseMultipart(body, boundaryOf(res.headers.get('content-type')) ?? '')[0];
  return { series, file: part?.body ?? null };
}

test('a signed ECG report arrives in its study as an Encapsulated PDF, the same document the route serves', async () => {
  const request = await insertDiagnosisRequest(owner, t.demo, { kind: 'ecg', critical: true });
  const stored = await waitFor(
    'the report stored',
    60_000,
    async () => (await stateOf(request.id)).sop ?? undefined,
  );
  const { series, file } = await reportObjects(request.studyInstanceUid);
  assert.equal(series.length, 1);
  assert.equal(str(series[0] ?? {}, '0008103E'), '诊断报告');
  assert.ok(file);
  const { dict } = dcmjs.data.DicomMessage.readFile(toArrayBuffer(file));
  assert.equal(dict['00080016']?.Value?.[0], ENCAPSULATED_PDF_STORAGE);
  assert.equal(dict['00080018']?.Value?.[0], stored);
  const served = await t.fetch(`/api/diagnosis-requests/${request.id}/report.pdf?version=1`, {
    token: await t.login('doctor.c1'),
  });
  assert.equal(served.status, 200);
  assert.ok(pdfOfEncapsulated(file).equals(Buffer.from(await served.arrayBuffer())), 'the same PDF bytes');
  // The study still names one patient: the bridge goes on serving it (its hierarchy rule).
  const patients = await json(
    await t.direct(`/studies/${request.studyInstanceUid}/instances?includefield=00100020`),
  );
  assert.equal(new Set(patients.map((p) => str(p, TAG.PatientID))).size, 1);
  const { ecg } = t.demo;
  const measured = await t.fetch(
    `/api/ecg/${ecg.studyInstanceUid}/${ecg.seriesInstanceUid}/${ecg.sopInstanceUid}/measurements`,
    { token: await t.login('doctor.c1') },
  );
  assert.equal(measured.status, 200);
});

interface Created {
  id: string;
  version: number;
}

/** doctor.c1 sends the demo ECG, specialist.h1 claims, writes and signs it, through the API. */
async function sentAndSigned(): Promise<string> {
  const c1 = await t.login('doctor.c1');
  const reader = await t.login('specialist.h1');
  const centres = (await (await t.fetch('/api/reading-centres?kind=ecg', { token: c1 })).json()) as {
    items: { institution: { id: string }; department: { id: string } }[];
  };
  const centre = centres.items[0];
  assert.ok(centre);
  const created = await t.fetch('/api/diagnosis-requests', {
    token: c1,
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify({
      kind: 'ecg',
      patientId: await t.patientIdOf('doctor.c1', '张桂兰'),
      studyInstanceUid: t.demo.ecg.studyInstanceUid,
      toInstitutionId: centre.institution.id,
      toDepartmentId: centre.department.id,
      priority: 'urgent',
      clinicalInfo: '胸闷两小时',
      question: '请出具心电诊断意见',
    }),
  });
  assert.equal(created.status, 201, await created.clone().text());
  let request = (await created.json()) as Created;
  const act = async (action: string, body: Record<string, unknown> = {}) => {
    const res = await t.fetch(`/api/diagnosis-requests/${request.id}/actions/${action}`, {
      token: reader,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ version: request.version, ...body }),
    });
    assert.equal(res.status, 200, `${action}: ${await res.clone().text()}`);
    request = (await res.json()) as Created;
  };
  await act('claim');
  await act('report', {
    report: { findings: '窦性心律，各导联ST段未见明显偏移。', impression: '正常心电图', critical: false },
  });
  await act('sign');
  return request.id;
}

test('after a reader signs through the API, QIDO finds the report in the study with its verified signature', async () => {
  const id = await sentAndSigned();
  await waitFor('the report stored', 60_000, async () => (await stateOf(id)).sop ?? undefined);
  const { series, file } = await reportObjects(t.demo.ecg.studyInstanceUid);
  // One series per request: the fixture's report above and this one.
  assert.ok(series.length >= 1);
  assert.ok(file);
  const served = await t.fetch(`/api/diagnosis-requests/${id}/report.pdf`, {
    token: await t.login('doctor.c1'),
  });
  assert.equal(served.status, 200);
  const dir = mkdtempSync(join(tmpdir(), 'store-back-test-'));
  try {
    const pdf = join(dir, 'report.pdf');
    writeFileSync(pdf, Buffer.from(await served.arrayBuffer()));
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    assert.ok(text.includes('正常心电图') && text.includes('已验证'), text);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const objects = await json(
    await t.direct(
      `/studies/${t.demo.ecg.studyInstanceUid}/instances?SOPClassUID=${ENCAPSULATED_PDF_STORAGE}`,
    ),
  );
  assert.ok(objects.some((o) => str(o, TAG.SOPInstanceUID) === reportInstanceUid(id, 1)));
});

test('with the archive stopped the failure is recorded; started again, the report arrives', async (ctx) => {
  const port = Number(new URL(t.orthanc.baseUrl).port);
  await t.orthanc.stop();
  const request = await insertDiagnosisRequest(owner, t.demo, { kind: 'imaging' });
  const failed = await waitFor('a failed attempt', 60_000, async () => {
    const s = await stateOf(request.id);
    return s.attempts > 0 ? s : undefined;
  });
  assert.equal(failed.sop, null);
  assert.ok(failed.error, 'the failure is recorded');
  const restarted = await startOrthanc(t.orthanc.dataDir, { port });
  ctx.after(() => restarted.stop());
  // The queue offers the version again after its back-off (a minute after the first failure).
  const sop = await waitFor(
    'the report stored',
    150_000,
    async () => (await stateOf(request.id)).sop ?? undefined,
  );
  const { series, file } = await reportObjects(request.studyInstanceUid);
  assert.equal(series.length, 1);
  assert.ok(file && pdfOfEncapsulated(file).subarray(0, 5).toString() === '%PDF-');
  assert.ok(sop);
});
