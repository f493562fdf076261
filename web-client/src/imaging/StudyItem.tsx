// One shared study in the list: modality, description and date, counts, who shared it and when.
import type { StudySummary } from '@tiered-care/common';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { dicomDate, viewerKindOf } from './selection';
import './imaging.css';

export function StudyItem({
  study: s,
  selected,
  disabled,
  sharedAt,
  onSelect,
  action,
}: {
  study: StudySummary;
  selected: boolean;
  disabled: boolean;
  sharedAt: string;
  onSelect: () => void;
  action?: ReactNode;
}) {
  const { t } = useTranslation('imaging');
  const kind = viewerKindOf(s.modalities);
  return (
    <li>
      <button
        type="button"
        className={`study-item${selected ? ' active' : ''}`}
        data-testid="study-item"
        data-study-uid={s.studyInstanceUid}
        data-kind={kind}
        aria-pressed={selected}
        disabled={disabled}
        onClick={onSelect}
      >
        <span className="study-modality">{s.modalities.join(' ') || '—'}</span>
        <span className="study-desc">
          {s.description ?? (kind === 'ecg' ? t('ecg') : t('noDescription'))}
          <span className="muted"> {dicomDate(s.studyDate) ?? t('noDate')}</span>
        </span>
        <span className="muted study-counts">
          {s.available
            ? t('counts', { series: s.numberOfSeries ?? 0, count: s.numberOfInstances ?? 0 })
            : t('unavailable')}
        </span>
        <span className="muted study-shared">{t('sharedBy', { name: s.sharedBy, at: sharedAt })}</span>
      </button>
      {action}
    </li>
  );
}
