// The request's next steps for whoever may take them: the receiving side accepts (host and
// time), proposes another time, declines or asks for information; the requester answers or
// withdraws. Only the actions the API lists as allowed are offered.
import { DeclineReason, type ConsultationAction, type ConsultationActionBodies } from '@tiered-care/common';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../ui/states';
import { useAsync } from '../ui/useAsync';
import { act, searchStaff } from './api';
import { fromLocalInput, nextHalfHour, toLocalInput } from './format';
import type { Consultation } from './types';
import './consultations.css';

const DURATIONS = [15, 30, 45, 60, 90, 120];

export function DecisionPanel({
  consultation: c,
  onChanged,
}: {
  consultation: Consultation;
  onChanged: () => void;
}) {
  const { t } = useTranslation('consultations');
  const can = (a: ConsultationAction) => c.allowedActions.includes(a);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const message = useErrorMessage(failure);
  const firstWindow = c.request?.proposedTimes[0] ?? c.request?.preferredTimes[0];
  const [at, setAt] = useState(() => toLocalInput(firstWindow ? new Date(firstWindow.from) : nextHalfHour()));
  const [duration, setDuration] = useState(30);
  const [host, setHost] = useState(c.request?.specialist?.userId ?? '');
  const [reason, setReason] = useState<DeclineReason>('outside_scope');
  const [note, setNote] = useState('');
  const receiving = can('accept') || can('decline');
  const hosts = useAsync(
    (signal) =>
      receiving && c.request
        ? searchStaff(
            { institutionId: c.request.toInstitution.id, departmentId: c.request.toDepartment?.id },
            signal,
          ).then((staff) => staff.filter((s) => s.roles.includes('specialist') || s.roles.includes('doctor')))
        : Promise.resolve([]),
    [receiving, c.request?.toInstitution.id, c.request?.toDepartment?.id],
  );

  const run = async <A extends ConsultationAction>(
    action: A,
    body: Omit<ConsultationActionBodies[A], 'version'>,
  ) => {
    setFailure(null);
    setBusy(true);
    try {
      await act(c.id, action, { version: c.version, ...body } as ConsultationActionBodies[A]);
      onChanged();
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };

  const requestActions: ConsultationAction[] = [
    'accept',
    'propose-time',
    'decline',
    'request-info',
    'provide-info',
  ];
  const cancelOnly = can('cancel') && !requestActions.some(can);
  if (!requestActions.some(can) && !can('cancel')) return null;
  const scheduledAt = fromLocalInput(at);
  const slotWindow = scheduledAt
    ? { from: scheduledAt, to: new Date(Date.parse(scheduledAt) + duration * 60_000).toISOString() }
    : null;

  const box = (children: ReactNode) => <div className="stack decision-box">{children}</div>;
  return (
    <section className="card stack action-panel" data-testid="consult-decision">
      <h2 className="subhead">{cancelOnly ? t('decide.cancel') : t('decide.title')}</h2>
      {(can('accept') || can('propose-time')) &&
        box(
          <>
            <div className="row wrap">
              <label>
                {t('decide.time')}
                <input
                  type="datetime-local"
                  data-testid="consult-time"
                  value={at}
                  onChange={(e) => setAt(e.target.value)}
                />
              </label>
              <label>
                {t('decide.duration')}
                <select
                  data-testid="consult-duration"
                  value={duration}
                  onChange={(e) => setDuration(Number(e.target.value))}
                >
                  {DURATIONS.map((m) => (
                    <option key={m} value={m}>
                      {m}
                    </option>
                  ))}
                </select>
              </label>
              {can('accept') && (
                <label>
                  {t('decide.host')}
                  <select data-testid="consult-host" value={host} onChange={(e) => setHost(e.target.value)}>
                    <option value="">{t('form.choose')}</option>
                    {(hosts.data ?? []).map((s) => (
                      <option key={s.id} value={s.id}>
                        {s.displayName}
                        {s.title ? `（${s.title}）` : ''} {s.departmentName ?? ''}
                      </option>
                    ))}
                  </select>
                </label>
              )}
            </div>
            <div className="row">
              {can('accept') && (
                <button
                  type="button"
                  className="primary"
                  data-testid="consult-accept"
                  disabled={busy || !scheduledAt}
                  onClick={() =>
                    scheduledAt &&
                    void run('accept', {
                      scheduledAt,
                      durationMinutes: duration,
                      hostUserId: host || undefined,
                    })
                  }
                >
                  {t('decide.accept')}
                </button>
              )}
              {can('propose-time') && (
                <button
                  type="button"
                  data-testid="consult-propose"
                  title={t('decide.proposeHint')}
                  disabled={busy || !slotWindow}
                  onClick={() => slotWindow && void run('propose-time', { times: [slotWindow] })}
                >
                  {t('decide.propose')}
                </button>
              )}
            </div>
          </>,
        )}
      {can('decline') &&
        box(
          <div className="row wrap">
            <label>
              {t('decide.declineReason')}
              <select
                data-testid="consult-decline-reason"
                value={reason}
                onChange={(e) => setReason(e.target.value as DeclineReason)}
              >
                {DeclineReason.options.map((r) => (
                  <option key={r} value={r}>
                    {t(`reasons.${r}`)}
                  </option>
                ))}
              </select>
            </label>
            <label className="grow">
              {t('decide.declineNote')}
              <input
                data-testid="consult-decline-note"
                value={note}
                onChange={(e) => setNote(e.target.value)}
              />
            </label>
            <button
              type="button"
              className="danger"
              data-testid="consult-decline"
              disabled={busy || !note.trim()}
              onClick={() => void run('decline', { reasonCode: reason, note })}
            >
              {t('decide.decline')}
            </button>
          </div>,
        )}
      {can('request-info') && (
        <TextAction
          label={t('decide.infoQuestion')}
          field="consult-info-question"
          button="consult-request-info"
          action={t('decide.requestInfo')}
          busy={busy}
          onSubmit={(question) => run('request-info', { question })}
        />
      )}
      {can('provide-info') && (
        <TextAction
          label={t('decide.infoAnswer')}
          field="consult-info-answer"
          button="consult-provide-info"
          action={t('decide.provideInfo')}
          busy={busy}
          multiline
          primary
          onSubmit={(answer) => run('provide-info', { answer })}
        />
      )}
      {can('cancel') && (
        <TextAction
          label={t('decide.cancelReason')}
          field="consult-cancel-reason"
          button="consult-cancel"
          action={t('decide.cancel')}
          busy={busy}
          onSubmit={(reason) => run('cancel', { reason })}
        />
      )}
      {failure !== null && (
        <p className="form-error" role="alert" data-testid="consult-action-error">
          {message}
        </p>
      )}
    </section>
  );
}

/** One text and the button that sends it (a question, an answer, a reason). */
function TextAction(p: {
  label: string;
  field: string;
  button: string;
  action: string;
  busy: boolean;
  multiline?: boolean;
  primary?: boolean;
  onSubmit: (text: string) => Promise<void>;
}) {
  const [text, setText] = useState('');
  const Field = p.multiline ? 'textarea' : 'input';
  return (
    <div className="row wrap decision-box">
      <label className="grow">
        {p.label}
        <Field
          data-testid={p.field}
          rows={p.multiline ? 3 : undefined}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </label>
      <button
        type="button"
        className={p.primary ? 'primary' : undefined}
        data-testid={p.button}
        disabled={p.busy || !text.trim()}
        onClick={() => void p.onSubmit(text)}
      >
        {p.action}
      </button>
    </div>
  );
}
