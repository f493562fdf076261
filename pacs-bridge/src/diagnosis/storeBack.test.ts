// Store-back through the real app, archive and database: a final report version arrives in its
// study as an Encapsulated PDF (series 诊断报告, modality DOC) whose document is the PDF the route
// serves for that version; with the archive down the failure is recorded, and once the archive is
// started again the object arrives.
import assert from 'node:assert/strict';
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
