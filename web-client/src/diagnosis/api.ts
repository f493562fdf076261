// The remote-diagnosis calls: requests, the reading worklist, actions, reading centres and the
// bridge's ECG measurements. Types come from the API's own schemas in common/.
import type {
  CreateDiagnosisRequestBody,
  DiagnosisAction,
  DiagnosisActionBodies,
  DiagnosisKind,
  DiagnosisPage,
  DiagnosisRequest,
  DiagnosisStatus,
  EcgAnalysis,
  ReadingCentreList,
} from '@tiered-care/common';
import { api } from '../api/client';

const seg = encodeURIComponent;

export type Box = 'incoming' | 'outgoing';

export interface ListFilter {
  status?: DiagnosisStatus[];
  kind?: DiagnosisKind;
  overdue?: boolean;
  mine?: boolean;
  cursor?: string;
}

export function listDiagnoses(box: Box, f: ListFilter, signal?: AbortSignal) {
  const q = new URLSearchParams({ box });
  if (f.status?.length) q.set('status', f.status.join(','));
  if (f.kind) q.set('kind', f.kind);
  if (f.overdue) q.set('overdue', 'true');
  if (f.mine) q.set('mine', 'true');
  if (f.cursor) q.set('cursor', f.cursor);
  return api<DiagnosisPage>('GET', `/api/diagnosis-requests?${q}`, { signal });
}

export const getDiagnosis = (id: string, signal?: AbortSignal) =>
  api<DiagnosisRequest>('GET', `/api/diagnosis-requests/${seg(id)}`, { signal });

/** The key is made once per form, so a double click or a retry after a lost answer sends one request. */
export const requestDiagnosis = (body: CreateDiagnosisRequestBody, idempotencyKey: string) =>
  api<DiagnosisRequest>('POST', '/api/diagnosis-requests', {
    body,
    headers: { 'idempotency-key': idempotencyKey },
  });

export const diagnosisAct = <A extends DiagnosisAction>(
  id: string,
  action: A,
  body: DiagnosisActionBodies[A],
) => api<DiagnosisRequest>('POST', `/api/diagnosis-requests/${seg(id)}/actions/${action}`, { body });

export const listCentres = (kind: DiagnosisKind, signal?: AbortSignal) =>
  api<ReadingCentreList>('GET', `/api/reading-centres?kind=${kind}`, { signal });

export const ecgMeasurements = (study: string, series: string, instance: string, signal?: AbortSignal) =>
  api<EcgAnalysis>('GET', `/api/ecg/${seg(study)}/${seg(series)}/${seg(instance)}/measurements`, { signal });

export const reportPdfPath = (id: string) => `/api/diagnosis-requests/${seg(id)}/report.pdf`;
