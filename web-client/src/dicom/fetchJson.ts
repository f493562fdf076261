// GET of a DICOMweb answer (QIDO-RS results, WADO-RS metadata, rendered images) with the
// session's token. No Cornerstone here: the study list and the preview use it before any viewer
// chunk is loaded.
import { ApiError } from '../api/apiError';
import { getToken } from '../api/token';
import type { DicomJson } from '@tiered-care/common/dicomJson';
import { authHeaders } from './dicomweb';

/** The response when it is a success (2xx); else an ApiError as the API client throws them. */
export async function dicomGet(url: string, accept: string, signal?: AbortSignal): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url, { headers: { accept, ...authHeaders(getToken()) }, signal });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'network', 'network unreachable');
  }
  if (!res.ok)
    throw new ApiError(res.status, res.status === 404 ? 'not_found' : 'http_error', `HTTP ${res.status}`);
  return res;
}

export async function getDicomJson(url: string, signal?: AbortSignal): Promise<DicomJson[]> {
  const res = await dicomGet(url, 'application/dicom+json', signal);
  if (res.status === 204) return [];
  return (await res.json()) as DicomJson[];
}
