// Readiness of the PACS for /healthz. The detail never names the host or the account: /healthz
// is public.
import { basicAuthorization } from './pacs/endpoints';

export interface PacsTarget {
  /** DICOMweb root, e.g. http://127.0.0.1:8042/dicom-web */
  dicomWebUrl: string;
  username: string | null;
  password: string | null;
}

/** `name` tells archives apart in /healthz (e.g. the hospital's PACS and the region's archive). */
export function pacsHealthCheck(
  target: PacsTarget,
  name = 'pacs',
): () => Promise<{ name: string; ok: boolean; detail?: string }> {
  const headers: Record<string, string> = { accept: 'application/dicom+json' };
  if (target.username !== null && target.password !== null) {
    headers.authorization = basicAuthorization(target.username, target.password);
  }
  return async () => {
    try {
      const res = await fetch(`${target.dicomWebUrl.replace(/\/+$/, '')}/studies?limit=1`, {
        headers,
        signal: AbortSignal.timeout(3000),
      });
      await res.body?.cancel();
      return res.ok ? { name, ok: true } : { name, ok: false, detail: `status ${res.status}` };
    } catch (err) {
      const timedOut = err instanceof Error && err.name === 'TimeoutError';
      return { name, ok: false, detail: timedOut ? 'timed out' : 'unreachable' };
    }
  };
}
