// Diagnosis report PDF generation: the renderer alone (figures already in memory) and the whole
// GET /api/diagnosis-requests/:id/report.pdf (access, waveform or key images from the archive,
// rendering), for an ECG report with its 12-lead trace and an imaging report with two key images.
// Used by run.ts and by reportPdfOnly.ts (this step alone).
import { loadavg } from 'node:os';
import pg from 'pg';
import { insertDiagnosisRequest } from '@tiered-care/testkit/bridge';
import type { DemoStudies } from '../src/demo/loadDemoStudies';
import { loadFigures } from '../src/diagnosis/figures';
import type { ReportDocument } from '../src/diagnosis/reportDocument';
import { renderReportPdf } from '../src/diagnosis/reportPdf';
import { basicAuthorization } from '../src/pacs/endpoints';

const RENDERS = 20;
const REQUESTS = 10;

export interface ReportBenchApp {
  baseUrl: string;
  ownerUrl: string;
  demo: DemoStudies;
  orthanc: { dicomWebUrl: string; username: string; password: string };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function timed(n: number, run: () => Promise<number>): Promise<{ ms: number[]; bytes: number }> {
  const ms: number[] = [];
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    bytes = await run();
    ms.push(performance.now() - started);
  }
  return { ms, bytes };
}

function documentOf(kind: 'ecg' | 'imaging', demo: DemoStudies): ReportDocument {
  const ct = demo.ct;
  return {
    requestId: '00000000-0000-4000-8000-000000000001',
    kind,
    priority: 'urgent',
    modality: kind === 'ecg' ? 'ECG' : 'CT',
    studyInstanceUid: kind === 'ecg' ? demo.ecg.studyInstanceUid : ct.studyInstanceUid,
    requestedAt: '2026-12-07T03:00:00.000Z',
    requester: '李建国',
    fromInstitution: '青山镇卫生院',
    centre: { institution: '市第一人民医院', department: kind === 'ecg' ? '心内科' : '放射科' },
    patient: { name: '张桂兰', gender: 'female', birthDate: '1956-03-14' },
    clinicalInfo: '胸闷两小时',
    question: '请出具诊断意见',
    report: {
      version: 1,
      content: {
        findings: '所见'.repeat(60),
        impression: '诊断意见'.repeat(20),
        critical: false,
        ...(kind === 'imaging'
          ? {
              keyImages: [1, 2].map((i) => ({
                seriesInstanceUid: ct.seriesInstanceUid,
                sopInstanceUid: ct.sopInstanceUids[i] ?? '',
              })),
            }
          : {}),
      },
      amendment: null,
      signedBy: { userId: 'u', displayName: '周主任', grade: 'senior' },
      signedAt: '2026-12-07T03:20:00.000Z',
      verified: true,
      cosignedBy: null,
      cosignedAt: null,
      cosignVerified: null,
      pacs: null,
    },
  };
}

/** The results.md / README lines; `token` logs in the requester (doctor.c1). */
export async function reportPdfSection(app: ReportBenchApp, token: string): Promise<string[]> {
  const up = {
    endpointId: app.demo.endpoints.region,
    baseUrl: app.orthanc.dicomWebUrl,
    authorization: basicAuthorization(app.orthanc.username, app.orthanc.password),
  };
  const owner = new pg.Client({ connectionString: app.ownerUrl });
  await owner.connect();
  const ids = {
    ecg: (await insertDiagnosisRequest(owner, app.demo, { kind: 'ecg' })).id,
    imaging: (
      await insertDiagnosisRequest(owner, app.demo, {
        kind: 'imaging',
        keyImages: documentOf('imaging', app.demo).report.content.keyImages ?? [],
      })
    ).id,
  };
  await owner.end();
  const load = loadavg();
  const renders = { ecg: { ms: [0], bytes: 0 }, imaging: { ms: [0], bytes: 0 } };
  for (const kind of ['ecg', 'imaging'] as const) {
    const doc = documentOf(kind, app.demo);
    const figures = await loadFigures(up, doc, () => Promise.resolve());
    renders[kind] = await timed(RENDERS, async () => (await renderReportPdf(doc, figures)).length);
  }
  // The route after every render: no idle gap for the app to close the kept-alive connection in.
  const rows: string[] = [];
  for (const kind of ['ecg', 'imaging'] as const) {
    const route = await timed(REQUESTS, async () => {
      const res = await fetch(`${app.baseUrl}/api/diagnosis-requests/${ids[kind]}/report.pdf`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (res.status !== 200) throw new Error(`report.pdf ${kind}: ${res.status} ${await res.text()}`);
      return (await res.arrayBuffer()).byteLength;
    });
    const render = renders[kind];
    const what =
      kind === 'ecg' ? 'ECG, 12-lead trace page (10 s at 1 kHz)' : 'imaging, 2 key images (512 px JPEG)';
    rows.push(
      `| ${what} | ${median(render.ms).toFixed(0)} ms | ${median(route.ms).toFixed(0)} ms | ${(render.bytes / 1024).toFixed(0)} kB |`,
    );
  }
  return [
    `Diagnosis report PDF (load average ${load.map((l) => l.toFixed(2)).join(' ')}): the renderer alone with the figures in memory, median of ${RENDERS}; ` +
      `GET /api/diagnosis-requests/:id/report.pdf end to end (access, figures from the archive, rendering), median of ${REQUESTS}.`,
    ``,
    `| report | render only | route, end to end | size |`,
    `|---|---|---|---|`,
    ...rows,
  ];
}
