// Status chips with their counts (overdue in red when there is any) and, on the reading
// worklist, the kind and "mine" filters.
import type { DiagnosisKind, DiagnosisStatus } from '@tiered-care/common';
import { useTranslation } from 'react-i18next';

export type StatusFilter = DiagnosisStatus | 'all' | 'overdue';

export interface Filters {
  status: StatusFilter;
  kind: DiagnosisKind | '';
  mine: boolean;
}

const STATUSES: readonly StatusFilter[] = [
  'requested',
  'claimed',
  'reported',
  'overdue',
  'signed',
  'acknowledged',
  'cancelled',
  'all',
];

export function ListFilters({
  value,
  onChange,
  counts,
  reading,
}: {
  value: Filters;
  onChange: (f: Filters) => void;
  counts: Record<string, number>;
  reading: boolean;
}) {
  const { t } = useTranslation('diagnosis');
  const total = Object.entries(counts)
    .filter(([k]) => k !== 'overdue')
    .reduce((n, [, v]) => n + v, 0);
  return (
    <div className="row filters" role="group" data-testid="diagnosis-counts">
      {STATUSES.map((s) => (
        <button
          key={s}
          type="button"
          aria-pressed={value.status === s}
          className={s === 'overdue' && counts.overdue ? 'chip alert' : 'chip'}
          data-testid={`diagnosis-filter-${s}`}
          data-count={s === 'all' ? total : (counts[s] ?? 0)}
          onClick={() => onChange({ ...value, status: s })}
        >
          {s === 'all' ? t('reading.all') : s === 'overdue' ? t('overdue') : t(`status.${s}`)}{' '}
          <span className="tab-count">{s === 'all' ? total : (counts[s] ?? 0)}</span>
        </button>
      ))}
      <select
        aria-label={t('form.kind')}
        data-testid="diagnosis-filter-kind"
        value={value.kind}
        onChange={(e) =>
          onChange({
            ...value,
            kind: e.target.value === 'ecg' || e.target.value === 'imaging' ? e.target.value : '',
          })
        }
      >
        <option value="">{t('reading.allKinds')}</option>
        <option value="ecg">{t('kindShort.ecg')}</option>
        <option value="imaging">{t('kindShort.imaging')}</option>
      </select>
      {reading && (
        <label className="inline">
          <input
            type="checkbox"
            data-testid="diagnosis-filter-mine"
            checked={value.mine}
            onChange={(e) => onChange({ ...value, mine: e.target.checked })}
          />
          {t('reading.mine')}
        </label>
      )}
    </div>
  );
}
