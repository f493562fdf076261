// Inviting colleagues of any institution to a consultation: a staff search, the picked ones, and
// one invite for all of them.
import type { StaffMember } from '@tiered-care/common';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SearchInput } from '../ui/SearchInput';
import { useErrorMessage } from '../ui/states';
import { useAction } from '../ui/useAction';
import { useAsync } from '../ui/useAsync';
import { act, searchStaff } from './api';
import type { PanelProps } from './panelProps';

export function InvitePanel({ consultation: c, onChanged }: PanelProps) {
  const { t } = useTranslation('consultations');
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [picked, setPicked] = useState<StaffMember[]>([]);
  const { busy, failure, run } = useAction();
  const message = useErrorMessage(failure);
  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), 300);
    return () => clearTimeout(timer);
  }, [text]);
  const found = useAsync((signal) => searchStaff({ q: q || undefined }, signal), [q]);
  const taking = new Set(c.participants.map((p) => p.userId));
  const options = (found.data ?? []).filter(
    (s) => !taking.has(s.id) && s.institutionId !== null && !s.roles.every((r) => r === 'institution_admin'),
  );
  const toggle = (s: StaffMember) =>
    setPicked((list) => (list.some((p) => p.id === s.id) ? list.filter((p) => p.id !== s.id) : [...list, s]));

  const invite = () =>
    run(async () => {
      await act(c.id, 'invite', { version: c.version, userIds: picked.map((p) => p.id) });
      setPicked([]);
      setText('');
      onChanged();
    });

  return (
    <div className="stack invite">
      <h3 className="subhead">{t('record.invite')}</h3>
      <SearchInput
        testId="staff-search"
        placeholder={t('record.staffSearch')}
        value={text}
        onChange={setText}
      />
      <ul className="pick-list" aria-busy={found.loading}>
        {options.slice(0, 20).map((s) => {
          const selected = picked.some((p) => p.id === s.id);
          return (
            <li key={s.id}>
              <button
                type="button"
                className={selected ? 'chip selected' : 'chip'}
                aria-pressed={selected}
                data-testid="staff-option"
                data-user-id={s.id}
                onClick={() => toggle(s)}
              >
                {s.displayName}
                {s.title ? ` · ${s.title}` : ''} · {s.institutionName} {s.departmentName ?? ''}
              </button>
            </li>
          );
        })}
      </ul>
      {failure !== null && <p className="form-error">{message}</p>}
      <div className="row">
        <span className="muted">{t('record.selected', { count: picked.length })}</span>
        <button
          type="button"
          className="primary"
          data-testid="invite-submit"
          disabled={busy || picked.length === 0}
          onClick={() => void invite()}
        >
          {t('record.inviteSubmit')}
        </button>
      </div>
    </div>
  );
}
