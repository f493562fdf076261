// dicomweb-client for the bridge's own conversations with a PACS (does the study exist, what is
// in it, store these files). It was written for browsers, so each call gets an xhr2 request.
import { api } from 'dicomweb-client';
import XMLHttpRequest from 'xhr2';
import { isDicomJson, type DicomJson } from '@tiered-care/common/dicomJson';
import { toArrayBuffer } from '../dicom/part10';
import { PACS_TIMEOUT_MS, pacsStatusError, pacsTimeout, pacsUnavailable } from './upstream';
import type { Upstream } from './endpoints';

/** The methods we call, typed as they behave (the package's own typings are loose). */
interface DicomWebApi {
  searchForStudies(o: { queryParams: Record<string, string>; request: object }): Promise<unknown>;
  searchForSeries(o: {
    studyInstanceUID: string;
    queryParams?: Record<string, string>;
    request: object;
  }): Promise<unknown>;
  retrieveInstanceMetadata(o: {
    studyInstanceUID: string;
    seriesInstanceUID: string;
    sopInstanceUID: string;
    request: object;
  }): Promise<unknown>;
  storeInstances(o: { datasets: ArrayBuffer[]; request: object }): Promise<unknown>;
}

export interface PacsClient {
  searchStudies(query: Record<string, string>): Promise<DicomJson[]>;
  instanceMetadata(study: string, series: string, instance: string): Promise<DicomJson | null>;
  /** STOW-RS; resolves to the store response (ReferencedSOPSequence / FailedSOPSequence). */
  store(files: Buffer[]): Promise<DicomJson>;
}

function asArray(value: unknown): DicomJson[] {
  const parsed: unknown = typeof value === 'string' && value ? JSON.parse(value) : value;
  return Array.isArray(parsed) ? parsed.filter(isDicomJson) : [];
}

function statusOf(err: unknown): number | null {
  return typeof err === 'object' && err !== null && 'status' in err && typeof err.status === 'number'
    ? err.status
    : null;
}

/**
 * One request with its own xhr, given up after PACS_TIMEOUT_MS (the xhr is aborted, so the
 * socket is freed): dicomweb-client itself waits forever on an archive that stopped answering.
 */
async function call<T>(
  what: string,
  run: (request: { instance: InstanceType<typeof XMLHttpRequest> }) => Promise<T>,
  on404?: () => T,
): Promise<T> {
  const request = { instance: new XMLHttpRequest() };
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      request.instance.abort();
      reject(pacsTimeout());
    }, PACS_TIMEOUT_MS);
  });
  try {
    return await Promise.race([run(request), timedOut]);
  } catch (err) {
    if (err instanceof Error && 'kind' in err && err.kind === 'timeout') throw err;
    const status = statusOf(err);
    if (on404 && status === 404) return on404();
    // No status: the connection was refused or broke; otherwise the archive answered a failure.
    if (!status) throw pacsUnavailable(`${what} failed`);
    throw pacsStatusError(status, 'bridge');
  } finally {
    clearTimeout(timer);
  }
}

export function pacsClient(up: Upstream): PacsClient {
  const client = new api.DICOMwebClient({
    url: up.baseUrl,
    headers: up.authorization ? { Authorization: up.authorization } : {},
    verbose: false,
    singlepart: false,
  }) as unknown as DicomWebApi;
  return {
    searchStudies: async (queryParams) =>
      asArray(await call('QIDO', (request) => client.searchForStudies({ queryParams, request }))),
    instanceMetadata: async (study, series, instance) => {
      // An instance the archive lacks is a 404: null, not a failure.
      const result = await call(
        'metadata',
        (request) =>
          client.retrieveInstanceMetadata({
            studyInstanceUID: study,
            seriesInstanceUID: series,
            sopInstanceUID: instance,
            request,
          }),
        () => null,
      );
      return result === null ? null : (asArray(result)[0] ?? null);
    },
    store: async (files) => {
      const datasets = files.map(toArrayBuffer);
      const result = await call('STOW', (request) => client.storeInstances({ datasets, request }));
      const parsed: unknown = typeof result === 'string' && result ? JSON.parse(result) : result;
      return isDicomJson(parsed) ? parsed : {};
    },
  };
}
