// Fetches one decoded ECG from pacs-bridge in the compact float32 form, with the bearer token.
import { ApiError, getToken } from '../api/client';
import { parseEcgFloat32 } from './wire';
import type { EcgData } from './types';

export function ecgUrl(studyUid: string, seriesUid: string, instanceUid: string): string {
  const seg = encodeURIComponent;
  return `/api/ecg/${seg(studyUid)}/${seg(seriesUid)}/${seg(instanceUid)}?format=float32`;
}

export async function fetchEcg(
  studyUid: string,
  seriesUid: string,
  instanceUid: string,
  signal?: AbortSignal,
): Promise<EcgData> {
  const token = getToken();
  let res: Response;
  try {
    res = await fetch(ecgUrl(studyUid, seriesUid, instanceUid), {
      headers: token ? { authorization: `Bearer ${token}` } : {},
      signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'network', 'network unreachable');
  }
  if (!res.ok) {
    // The API's one error shape: {"error":{"code","message"}}.
    const body = (await res.json().catch(() => null)) as {
      error?: { code?: string; message?: string };
    } | null;
    throw new ApiError(
      res.status,
      body?.error?.code ?? 'http_error',
      body?.error?.message ?? `HTTP ${res.status}`,
    );
  }
  return parseEcgFloat32(await res.arrayBuffer());
}
