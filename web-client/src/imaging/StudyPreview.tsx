// What the study section shows before the viewer: a picture of the slice the viewer will show
// first, rendered by the PACS at the viewport's size with the series' own window (a JPEG of 8-bit
// grey levels, so it says plainly that it is a preview), and then, as soon as the stored frame is
// in and decoded, that slice's own diagnostic pixels (firstSlice/). On a clinic's link both come
// seconds before the viewer chunk, which is asked for only once the first slice is settled
// (`onSettled`): it would otherwise share the thin link with them.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { seriesMetadata } from '../dicom/studyCache';
import { Loading } from '../ui/states';
import { useAsync } from '../ui/useAsync';
import { FirstSliceCanvas } from './firstSlice/FirstSliceCanvas';
import { loadFirstSlice } from './firstSlice/loadFirstSlice';
import { sliceImage, type SliceChoice } from './sliceImage';
import { useRenderedImage } from './useRenderedImage';

export function StudyPreview({
  root,
  studyUid,
  pick,
  onSettled,
}: {
  root: string;
  studyUid: string;
  pick: SliceChoice;
  /** The first slice is drawn, or will not be (another syntax, colour, an error): time for the viewer. */
  onSettled: () => void;
}) {
  const { t } = useTranslation('viewer');
  const box = useRef<HTMLDivElement>(null);
  const image = useRenderedImage(async () => {
    const slice = await sliceImage(root, studyUid, pick);
    if (!slice) return null;
    const el = box.current;
    return slice.url({ width: el?.clientWidth || 512, height: el?.clientHeight || 512 });
  }, [root, studyUid, pick.seriesUid, pick.index]);
  const first = useAsync(
    () => loadFirstSlice(root, studyUid, pick),
    [root, studyUid, pick.seriesUid, pick.index],
  );
  const settled = first.data !== undefined || first.error !== null;
  useEffect(() => {
    if (!settled) return;
    // The series' full metadata (large) is what the viewer needs next, with its chunk.
    void prefetchMetadata(root, studyUid, pick);
    onSettled();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, when the first slice settles
  }, [settled]);

  const state = first.data ? 'diagnostic' : image.state;
  return (
    <div ref={box} className="viewer-preview" data-testid="viewer-preview" data-state={state}>
      {first.data ? (
        <FirstSliceCanvas slice={first.data} />
      ) : (
        <>
          {image.state === 'loading' && <Loading />}
          {image.src !== null && (
            <>
              <img src={image.src} alt={t('preview.alt')} data-testid="viewer-preview-image" />
              <span className="viewer-preview-label" data-testid="viewer-preview-label">
                {t('preview.label')}
              </span>
            </>
          )}
        </>
      )}
    </div>
  );
}

async function prefetchMetadata(root: string, studyUid: string, pick: SliceChoice): Promise<void> {
  const slice = await sliceImage(root, studyUid, pick).catch(() => null);
  if (slice) await seriesMetadata(root, studyUid, slice.seriesUid).catch(() => undefined);
}
