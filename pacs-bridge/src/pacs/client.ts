// dicomweb-client for the bridge's own conversations with a PACS (does the study exist, what is
// in it, store these files). It was written for browsers, so each call gets an xhr2 request.
import { api } from 'dicomweb-client';
import XMLHttpRequest from 'xhr2';
import { isDicomJson, type DicomJson } from '../dicom/json';
import { toArrayBuffer } from '../dicom/part10';
import { pacsUnavailable } from './upstream';
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

async function call<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw pacsUnavailable(`${what} failed (status ${statusOf(err) ?? 'none'})`);
  }
}

export function pacsClient(up: Upstream): PacsClient {
  const client = new api.DICOMwebClient({
    url: up.baseUrl,
    headers: up.authorization ? { Authorization: up.authorization } : {},
    verbose: false,
    singlepart: false,
  }) as unknown as DicomWebApi;
  const request = () => ({ instance: new XMLHttpRequest() });
  return {
    searchStudies: async (queryParams) =>
      asArray(await call('QIDO', () => client.searchForStudies({ queryParams, request: request() }))),
    instanceMetadata: async (study, series, instance) => {
      try {
        const result = await client.retrieveInstanceMetadata({
          studyInstanceUID: study,
          seriesInstanceUID: series,
          sopInstanceUID: instance,
          request: request(),
        });
        return asArray(result)[0] ?? null;
      } catch (err) {
        if (statusOf(err) === 404) return null;
        throw pacsUnavailable(`metadata failed (status ${statusOf(err) ?? 'none'})`);
      }
    },
    store: async (files) => {
      const datasets = files.map(toArrayBuffer);
      const result = await call('STOW', () => client.storeInstances({ datasets, request: request() }));
      const parsed: unknown = typeof result === 'string' && result ? JSON.parse(result) : result;
      return isDicomJson(parsed) ? parsed : {};
    },
  };
}
