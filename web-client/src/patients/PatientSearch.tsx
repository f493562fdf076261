// Find a registered patient by name, phone or full identity number; an empty box lists the most
// recently registered ones.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Patient } from '@tiered-care/common';
import { SearchInput } from '../ui/SearchInput';
import { Empty, ErrorState, Loading } from '../ui/states';
import { useAsync } from '../ui/useAsync';
import { useSettledText } from '../ui/useSettledText';
import { searchPatients } from './api';
import { PatientLine } from './PatientLine';

export function PatientSearch({ onPick }: { onPick: (p: Patient) => void }) {
  const { t } = useTranslation('referrals');
  const [text, setText] = useState('');
  const [q, setQ] = useSettledText(text);
  const found = useAsync((signal) => searchPatients(q, signal), [q]);

  return (
    <div className="stack">
      <label htmlFor="patient-search">{t('patient.search')}</label>
      <SearchInput
        id="patient-search"
        testId="patient-search"
        placeholder={t('patient.searchHint')}
        value={text}
        onChange={setText}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            setQ(text.trim());
          }
        }}
      />
      {found.loading && !found.data ? (
        <Loading />
      ) : found.error ? (
        <ErrorState error={found.error} onRetry={found.reload} />
      ) : (found.data ?? []).length === 0 ? (
        <Empty text={t('patient.none')} />
      ) : (
        <ul className="pick-list" aria-busy={found.loading}>
          {(found.data ?? []).map((p) => (
            <li key={p.id}>
              <PatientLine patient={p} />
              <button
                type="button"
                data-testid="patient-option"
                data-patient-id={p.id}
                onClick={() => onPick(p)}
              >
                {t('patient.pick')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
