// Period selection: two date inputs and the quick picks. The page only hears about complete,
// ordered ranges, so half-typed dates never reach the API.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isValidRange, matchingPick, QUICK_PICKS, quickRange, todayInShanghai } from './range';
import type { DateRange } from './types';
import './dashboard.css';

interface Props {
  range: DateRange;
  onChange: (range: DateRange) => void;
}

export function RangePicker({ range, onChange }: Props) {
  const { t } = useTranslation('dashboard');
  const [draft, setDraft] = useState(range);
  useEffect(() => setDraft(range), [range]);

  const edit = (next: DateRange) => {
    setDraft(next);
    if (isValidRange(next)) onChange(next);
  };
  const active = matchingPick(range);
  const invalid = draft.from !== '' && draft.to !== '' && draft.from > draft.to;
  const today = todayInShanghai();

  return (
    <div className="dash-range" role="group" aria-label={t('range.label')}>
      <div className="dash-quick">
        {QUICK_PICKS.map((p) => (
          <button
            key={p}
            type="button"
            data-testid={`stats-range-${p}`}
            aria-pressed={active === p}
            className={active === p ? 'active' : undefined}
            onClick={() => edit(quickRange(p))}
          >
            {t(`range.${p}`)}
          </button>
        ))}
      </div>
      <label>
        {t('range.from')}
        <input
          type="date"
          data-testid="stats-from"
          value={draft.from}
          max={today}
          onChange={(e) => edit({ ...draft, from: e.target.value })}
        />
      </label>
      <label>
        {t('range.to')}
        <input
          type="date"
          data-testid="stats-to"
          value={draft.to}
          max={today}
          onChange={(e) => edit({ ...draft, to: e.target.value })}
        />
      </label>
      {invalid && (
        <span className="field-error" role="alert">
          {t('range.invalid')}
        </span>
      )}
    </div>
  );
}
