// 参会人员: who takes part, in what role, and how long they were there; the host and co-hosts
// invite colleagues of any institution (staff picker) and remove them; the host names co-hosts.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../ui/states';
import { useAction } from '../ui/useAction';
import { useAsync } from '../ui/useAsync';
import { act, searchStaff } from './api';
import type { PanelProps } from './panelProps';
import type { ConsultationRecord, StaffMember } from '@tiered-care/common';
import './consultations.css';

interface Props extends PanelProps {
  summary: ConsultationRecord['attendanceSummary'];
}

export function ParticipantsPanel({ consultation: c, summary, onChanged }: Props) {
  const { t } = useTranslation('consultations');
  const [failure, setFailure] = useState<unknown>(null);
  const message = useErrorMessage(failure);
  const canRemove = c.allowedActions.includes('remove-participant');
  const canCohost = c.allowedActions.includes('set-cohost');

  const run = (promise: Promise<unknown>) => {
    setFailure(null);
    promise.then(onChanged, setFailure);
  };

  return (
    <section className="card stack" data-testid="consult-participants">
      <h2 className="subhead">{t('record.participants')}</h2>
      <ul className="record-people">
        {c.participants.map((p) => {
          const s = summary.find((a) => a.userId === p.userId);
          return (
            <li
              key={p.userId}
              className="row wrap"
              data-testid="consult-participant"
              data-user-id={p.userId}
              data-role={p.role}
            >
              <strong>{p.displayName}</strong>
              {p.title && <span className="muted">{p.title}</span>}
              <span className="muted">
                {p.institutionName} {p.departmentName ?? ''}
              </span>
              <span className="pill">{t(`record.role.${p.role}`)}</span>
              {c.recordVisible && c.status !== 'requested' && (
                <span className="muted" data-testid="attendance">
                  {s ? t('record.attended', { minutes: s.minutes }) : t('record.absent')}
                </span>
              )}
              <span className="spacer" />
              {canCohost && p.role !== 'host' && (
                <button
                  type="button"
                  data-testid="set-cohost"
                  data-user-id={p.userId}
                  onClick={() =>
                    run(
                      act(c.id, 'set-cohost', {
                        version: c.version,
                        userId: p.userId,
                        cohost: p.role !== 'cohost',
                      }),
                    )
                  }
                >
                  {p.role === 'cohost' ? t('record.unmakeCohost') : t('record.makeCohost')}
                </button>
              )}
              {canRemove && p.role !== 'host' && (c.myRole === 'host' || p.role !== 'cohost') && (
                <button
                  type="button"
                  data-testid="remove-participant"
                  data-user-id={p.userId}
                  onClick={() =>
                    run(act(c.id, 'remove-participant', { version: c.version, userId: p.userId }))
                  }
                >
                  {t('record.remove')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {failure !== null && <p className="form-error">{message}</p>}
      {c.allowedActions.includes('invite') && <InvitePanel consultation={c} onChanged={onChanged} />}
    </section>
  );
}

function InvitePanel({ consultation: c, onChanged }: PanelProps) {
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
      <input
        type="search"
        data-testid="staff-search"
        placeholder={t('record.staffSearch')}
        value={text}
        autoComplete="off"
        onChange={(e) => setText(e.target.value)}
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
