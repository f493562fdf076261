// A picture of the slice the viewer will show first, rendered by the PACS at the viewport's size
// with the series' own window: on a clinic's link it arrives seconds before the viewer chunk and
// the full-depth frame. It is a JPEG of 8-bit grey levels, so it says plainly that it is a preview
// until the viewer's diagnostic image replaces it.
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { seriesMetadata } from '../dicom/studyCache';
import { Loading } from '../ui/states';
import { sliceImage, type SliceChoice } from './sliceImage';
import { useRenderedImage } from './useRenderedImage';

export function StudyPreview({
  root,
  studyUid,
  pick,
}: {
  root: string;
  studyUid: string;
  pick: SliceChoice;
}) {
  const { t } = useTranslation('viewer');
  const box = useRef<HTMLDivElement>(null);
  const image = useRenderedImage(async () => {
    const slice = await sliceImage(root, studyUid, pick);
    if (!slice) return null;
    const el = box.current;
    return slice.url({ width: el?.clientWidth || 512, height: el?.clientHeight || 512 });
  }, [root, studyUid, pick.seriesUid, pick.index]);

  return (
    <div ref={box} className="viewer-preview" data-testid="viewer-preview" data-state={image.state}>
      {image.state === 'loading' && <Loading />}
      {image.src !== null && (
        <>
          <img
            src={image.src}
            alt={t('preview.alt')}
            data-testid="viewer-preview-image"
            // The series' full metadata (large) is what the viewer needs next; asked for once the
            // preview's bytes are in, so it doesn't slow them down.
            onLoad={() => void prefetchMetadata(root, studyUid, pick)}
          />
          <span className="viewer-preview-label" data-testid="viewer-preview-label">
            {t('preview.label')}
          </span>
        </>
      )}
    </div>
  );
}

async function prefetchMetadata(root: string, studyUid: string, pick: SliceChoice): Promise<void> {
  const slice = await sliceImage(root, studyUid, pick).catch(() => null);
  if (slice) await seriesMetadata(root, studyUid, slice.seriesUid).catch(() => undefined);
}
