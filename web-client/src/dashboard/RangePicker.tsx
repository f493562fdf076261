// Period selection: two date inputs and the quick picks. The page only hears about complete,
// ordered ranges, so half-typed dates never reach the API.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { InputField } from '../ui/fields';
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
      {(['from', 'to'] as const).map((end) => (
        <InputField
          key={end}
          label={t(`range.${end}`)}
          type="date"
          testId={`stats-${end}`}
          value={draft[end]}
          max={today}
          onChange={(v) => edit({ ...draft, [end]: v })}
        />
      ))}
      {invalid && (
        <span className="field-error" role="alert">
          {t('range.invalid')}
        </span>
      )}
    </div>
  );
}
