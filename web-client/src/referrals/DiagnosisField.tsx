// ICD-10 diagnosis: a searchable pick list of common codes, and the code and wording themselves,
// which may also be typed freely (any valid code is accepted).
import { useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, FieldInput } from './Field';
import { searchIcd10 } from './icd10';
import './referralForm.css';

export interface DiagnosisValue {
  code: string;
  text: string;
}

export function DiagnosisField({
  value,
  onChange,
  errors,
}: {
  value: DiagnosisValue;
  onChange: (v: DiagnosisValue) => void;
  errors: { code?: string | undefined; text?: string | undefined };
}) {
  const { t } = useTranslation('referrals');
  const listId = useId();
  const [search, setSearch] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const matches = searchIcd10(search);
  const shown = open && matches.length > 0;

  const pick = (i: number) => {
    const m = matches[i];
    if (!m) return;
    onChange({ code: m.code, text: m.name });
    setSearch('');
    setOpen(false);
  };

  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(a + 1, matches.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter' && shown) {
      e.preventDefault();
      pick(active);
    } else if (e.key === 'Escape') {
      setOpen(false);
    }
  };

  return (
    <div className="stack diagnosis">
      <Field id="diagnosis-search" label={t('form.diagnosisSearch')} hint={t('form.diagnosisSearchHint')}>
        <div className="combo">
          <input
            id="diagnosis-search"
            data-testid="diagnosis-search"
            role="combobox"
            aria-expanded={shown}
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={shown ? `${listId}-${active}` : undefined}
            autoComplete="off"
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              setActive(0);
              setOpen(true);
            }}
            onKeyDown={onKey}
            onBlur={() => setOpen(false)}
          />
          {shown && (
            <ul className="combo-list" role="listbox" id={listId}>
              {matches.map((m, i) => (
                <li
                  key={m.code}
                  id={`${listId}-${i}`}
                  role="option"
                  aria-selected={i === active}
                  data-testid="diagnosis-option"
                  onMouseDown={(e) => {
                    e.preventDefault();
                    pick(i);
                  }}
                  onMouseEnter={() => setActive(i)}
                >
                  <code>{m.code}</code> {m.name}
                </li>
              ))}
            </ul>
          )}
        </div>
      </Field>
      <div className="diagnosis-pair">
        {(
          [
            ['code', t('form.diagnosisCode'), 8, 'I10', (v: string) => v.toUpperCase()],
            ['text', t('form.diagnosisText'), 200, undefined, (v: string) => v],
          ] as const
        ).map(([key, label, maxLength, placeholder, clean]) => (
          <FieldInput
            key={key}
            id={`diagnosis-${key}`}
            label={label}
            error={errors[key]}
            value={value[key]}
            maxLength={maxLength}
            placeholder={placeholder}
            onChange={(v) => onChange({ ...value, [key]: clean(v) })}
          />
        ))}
      </div>
    </div>
  );
}
