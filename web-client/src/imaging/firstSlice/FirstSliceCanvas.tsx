// The first slice at full resolution and depth, drawn from the stored frame (loadFirstSlice.ts)
// while the viewer chunk is on its way: diagnostic pixels, labelled as the original image with the
// viewer's tools still loading, and reported to the test hook like the viewer's own images.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { reportShownPixels } from '../../dicom/shownPixels';
import { toRgba } from './greyscale';
import type { FirstSlice } from './loadFirstSlice';

export function FirstSliceCanvas({ slice }: { slice: FirstSlice }) {
  const { t } = useTranslation('viewer');
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    ctx.putImageData(new ImageData(toRgba(slice), slice.columns, slice.rows), 0, 0);
    return reportShownPixels(() => [
      {
        imageId: slice.imageId,
        rows: slice.rows,
        columns: slice.columns,
        components: 1,
        scaled: false,
        slope: slice.slope,
        intercept: slice.intercept,
        pixels: Array.from(slice.pixels),
      },
    ]);
  }, [slice]);
  return (
    <>
      <canvas
        ref={canvas}
        width={slice.columns}
        height={slice.rows}
        className="viewer-first-slice"
        data-testid="viewer-first-slice"
        aria-label={t('firstSlice.alt')}
      />
      <span className="viewer-first-slice-label" data-testid="viewer-first-slice-label">
        {t('firstSlice.label')}
      </span>
    </>
  );
}
