// Series thumbnails: the middle image of each series as a small JPEG the PACS renders (a couple
// of kB), never a full frame. One thumbnail at a time, and none before the viewer shows its first
// image, so a clinic's thin link serves the displayed image first.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sliceImage } from '../imaging/sliceImage';
import { useRenderedImage } from '../imaging/useRenderedImage';
import type { SeriesSummary } from './imageIds';
import './viewer.css';

let queue: Promise<unknown> = Promise.resolve();
function enqueue<T>(job: () => Promise<T>): Promise<T> {
  const run = queue.then(job, job);
  queue = run.catch(() => undefined);
  return run;
}

const SIZE = 88;

function Thumb({
  root,
  studyUid,
  series,
  active,
  paused,
  onSelect,
}: {
  root: string;
  studyUid: string;
  series: SeriesSummary;
  active: boolean;
  paused: boolean;
  onSelect: (seriesUid: string) => void;
}) {
  const { t } = useTranslation('viewer');
  const [count, setCount] = useState<number | null>(series.instanceCount);
  const image = useRenderedImage(
    (signal) =>
      paused
        ? new Promise<null>(() => undefined)
        : enqueue(async () => {
            if (signal.aborted) return null;
            const slice = await sliceImage(root, studyUid, { seriesUid: series.seriesUid, index: 'middle' });
            if (!slice) throw new Error('no image');
            setCount(slice.count);
            return slice.url({ width: SIZE, height: SIZE });
          }),
    [root, studyUid, series.seriesUid, paused],
  );
  const state = image.state === 'ready' ? 'ready' : image.state === 'loading' ? 'loading' : 'failed';

  return (
    <button
      type="button"
      className={`viewer-thumb${active ? ' active' : ''}`}
      data-testid="series-thumb"
      data-series-uid={series.seriesUid}
      data-state={state}
      aria-pressed={active}
      onClick={() => onSelect(series.seriesUid)}
    >
      {image.src !== null ? (
        <img src={image.src} alt="" width={SIZE} height={SIZE} />
      ) : (
        <span className="viewer-thumb-blank" />
      )}
      <span className="viewer-thumb-title">
        {series.modality ?? ''}{' '}
        {series.seriesNumber !== null && t('seriesLabel', { number: series.seriesNumber })}
      </span>
      <span className="viewer-thumb-desc" title={series.description}>
        {series.description}
      </span>
      {count !== null && <span className="viewer-thumb-count">{t('imageCount', { count })}</span>}
    </button>
  );
}

export function SeriesThumbs({
  root,
  studyUid,
  series,
  activeSeriesUid,
  paused = false,
  onSelect,
}: {
  root: string;
  studyUid: string;
  series: SeriesSummary[];
  activeSeriesUid: string | null;
  /** True until the viewer has shown its first image. */
  paused?: boolean;
  onSelect: (seriesUid: string) => void;
}) {
  const { t } = useTranslation('viewer');
  return (
    <nav className="viewer-series" aria-label={t('series')}>
      {series.map((s) => (
        <Thumb
          key={s.seriesUid}
          root={root}
          studyUid={studyUid}
          series={s}
          active={s.seriesUid === activeSeriesUid}
          paused={paused}
          onSelect={onSelect}
        />
      ))}
    </nav>
  );
}
