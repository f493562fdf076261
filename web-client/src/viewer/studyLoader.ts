// Fetches a study's series list and per-series metadata over DICOMweb (with the bearer token)
// and hands the metadata to the WADO-RS image loader. Results are cached per page: the same
// study is opened again and again in a consultation.
import { wadors } from '@cornerstonejs/dicom-image-loader';
import type { Types as LoaderTypes } from '@cornerstonejs/dicom-image-loader';
import { getDicomJson as getJson } from '../dicom/fetchJson';
import { seriesMetadataUrl, seriesSearchUrl } from '../dicom/dicomweb';
import { buildStack, loaderMetadata, parseSeriesList, type SeriesSummary, type StackEntry } from './imageIds';
import { withPaletteTables } from './paletteData';

const seriesCache = new Map<string, Promise<SeriesSummary[]>>();
const stackCache = new Map<string, Promise<StackEntry[]>>();

function cached<T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let p = cache.get(key);
  if (!p) {
    p = load();
    cache.set(key, p);
    // A failed load is not remembered: the next attempt (retry button) asks again.
    p.catch(() => cache.delete(key));
  }
  return p;
}

export function loadSeriesList(root: string, studyUid: string): Promise<SeriesSummary[]> {
  return cached(seriesCache, `${root}|${studyUid}`, async () =>
    parseSeriesList(await getJson(seriesSearchUrl(root, studyUid))),
  );
}

export function loadStack(root: string, studyUid: string, seriesUid: string): Promise<StackEntry[]> {
  return cached(stackCache, `${root}|${studyUid}|${seriesUid}`, async () => {
    const instances = await getJson(seriesMetadataUrl(root, studyUid, seriesUid));
    const stack = buildStack(root, studyUid, seriesUid, instances);
    // The loader derives frames 2…n of a multi-frame instance from the metadata of frame 1.
    for (const entry of stack) {
      if (entry.frame !== 1) continue;
      wadors.metaDataManager.add(
        entry.imageId,
        loaderMetadata(await withPaletteTables(entry.instance)) as unknown as LoaderTypes.WADORSMetaData,
      );
    }
    return stack;
  });
}
