// The slider under the image and the "12 / 40" counter beside it.
import { useTranslation } from 'react-i18next';
import { clampIndex, imageCounter } from './imageIds';
import type { StackController } from './stackController';

export function ImageSlider({
  controller,
  index,
  total,
}: {
  controller: StackController | null;
  index: number;
  total: number;
}) {
  const { t } = useTranslation('viewer');
  return (
    <div className="viewer-scroll">
      <input
        type="range"
        data-testid="image-slider"
        aria-label={t('imageSlider')}
        min={0}
        max={Math.max(0, total - 1)}
        value={clampIndex(index, total)}
        disabled={total <= 1}
        onChange={(e) => void controller?.scrollTo(Number(e.target.value))}
      />
      <span className="viewer-index" data-testid="image-index" aria-label={t('imageLabel')}>
        {imageCounter(index, total)}
      </span>
    </div>
  );
}
