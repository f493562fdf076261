// A series' stack for the viewer: its WADO-RS metadata (from the page's shared cache, which the
// referral page may have filled already) handed to the Cornerstone WADO-RS image loader once.
import { wadors } from '@cornerstonejs/dicom-image-loader';
import type { Types as LoaderTypes } from '@cornerstonejs/dicom-image-loader';
import { cached, seriesList, seriesMetadata } from '../dicom/studyCache';
import { buildStack, loaderMetadata, type SeriesSummary, type StackEntry } from './imageIds';
import { withPaletteTables } from './paletteData';

export function loadSeriesList(root: string, studyUid: string): Promise<SeriesSummary[]> {
  return seriesList(root, studyUid);
}

export function loadStack(root: string, studyUid: string, seriesUid: string): Promise<StackEntry[]> {
  return cached(`stack|${root}|${studyUid}|${seriesUid}`, async () => {
    const stack = buildStack(root, studyUid, seriesUid, await seriesMetadata(root, studyUid, seriesUid));
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
