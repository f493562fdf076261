// GET of a DICOMweb JSON answer (QIDO-RS results, WADO-RS metadata) with the session's token.
// No Cornerstone here: the study list uses it before any viewer chunk is loaded.
import { ApiError, getToken } from '../api/client';
import type { DicomJson } from '@tiered-care/common/dicomJson';
import { authHeaders } from './dicomweb';

export async function getDicomJson(url: string, signal?: AbortSignal): Promise<DicomJson[]> {
  let res: Response;
  try {
    res = await fetch(url, {
      headers: { accept: 'application/dicom+json', ...authHeaders(getToken()) },
      signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'network', 'network unreachable');
  }
  if (res.status === 204) return [];
  if (!res.ok)
    throw new ApiError(res.status, res.status === 404 ? 'not_found' : 'http_error', `HTTP ${res.status}`);
  return (await res.json()) as DicomJson[];
}
