// pacs-bridge calls the study section makes: the shared studies, attaching one, and a patient
// search in the caller's own institution's PACS (QIDO-RS through the bridge).
import type { StudyList, StudySummary } from '@tiered-care/common';
import { api } from '../api/client';
import { DEFAULT_DICOMWEB_ROOT, instancesSearchUrl, normalizeRoot, seriesSearchUrl } from '../dicom/dicomweb';
import { str, type DicomJson } from '@tiered-care/common/dicomJson';
import { TAG as IMAGE_TAG } from '../dicom/attributes';
import { getDicomJson } from '../dicom/fetchJson';

export const listStudies = (url: string, signal?: AbortSignal) => api<StudyList>('GET', url, { signal });

export const attachStudy = (url: string, studyInstanceUid: string) =>
  api<Pick<StudySummary, 'id' | 'studyInstanceUid'>>('POST', url, { body: { studyInstanceUid } });

const TAG = {
  ...IMAGE_TAG,
  studyDate: '00080020',
  modalitiesInStudy: '00080061',
  studyDescription: '00081030',
  patientName: '00100010',
  patientId: '00100020',
  studyInstanceUid: '0020000D',
} as const;

export type PatientKey = 'PatientName' | 'PatientID';

export interface PacsMatch {
  studyInstanceUid: string;
  patientName: string;
  patientId: string;
  studyDate: string | null;
  modalities: string[];
  description: string;
}

/** A PN value as people write it: family and given names, without the ^ separators. */
function personName(json: DicomJson): string {
  const v = json[TAG.patientName]?.Value?.[0] as { Alphabetic?: string } | string | undefined;
  const raw = typeof v === 'string' ? v : (v?.Alphabetic ?? '');
  return raw.replace(/\^+/g, ' ').trim();
}

/** Studies of a patient in the caller's own institution's PACS; a name matches from its start. */
export async function searchOwnPacs(
  key: PatientKey,
  value: string,
  signal?: AbortSignal,
  root = DEFAULT_DICOMWEB_ROOT,
): Promise<PacsMatch[]> {
  const term = key === 'PatientName' && !/[*?]/.test(value) ? `${value}*` : value;
  const q = new URLSearchParams({ [key]: term, includefield: TAG.studyDescription });
  const results = await getDicomJson(`${normalizeRoot(root)}/studies?${q.toString()}`, signal);
  return results.flatMap((r) => {
    const studyInstanceUid = str(r, TAG.studyInstanceUid);
    if (!studyInstanceUid) return [];
    return [
      {
        studyInstanceUid,
        patientName: personName(r),
        patientId: str(r, TAG.patientId) ?? '',
        studyDate: str(r, TAG.studyDate),
        modalities: (r[TAG.modalitiesInStudy]?.Value ?? []).filter((m): m is string => typeof m === 'string'),
        description: str(r, TAG.studyDescription) ?? '',
      },
    ];
  });
}

/** The first ECG waveform of a study: its series and instance, for the ECG viewer. */
export async function findEcg(
  studyUid: string,
  signal?: AbortSignal,
  root = DEFAULT_DICOMWEB_ROOT,
): Promise<{ seriesUid: string; instanceUid: string } | null> {
  const series = await getDicomJson(seriesSearchUrl(root, studyUid), signal);
  const ecg = series.find((s) => str(s, TAG.modality) === 'ECG');
  const seriesUid = ecg ? str(ecg, TAG.seriesInstanceUid) : null;
  if (!seriesUid) return null;
  const [first] = await getDicomJson(instancesSearchUrl(root, studyUid, seriesUid), signal);
  const instanceUid = first ? str(first, TAG.sopInstanceUid) : null;
  return instanceUid ? { seriesUid, instanceUid } : null;
}
