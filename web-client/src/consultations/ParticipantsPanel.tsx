// 参会人员: who takes part, in what role, and how long they were there; the host and co-hosts
// invite colleagues (InvitePanel.tsx) and remove them; the host names co-hosts.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../ui/states';
import { act } from './api';
import { InvitePanel } from './InvitePanel';
import type { PanelProps } from './panelProps';
import type { ConsultationRecord } from '@tiered-care/common';
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
