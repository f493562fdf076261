// The request's next steps for whoever may take them: the receiving side accepts (host and
// time), proposes another time, declines or asks for information; the requester answers or
// withdraws. Only the actions the API lists as allowed are offered.
import type { Consultation, ConsultationAction, ConsultationActionBodies } from '@tiered-care/common';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../ui/states';
import { act } from './api';
import { DeclineDecision } from './DeclineDecision';
import { ScheduleDecision } from './ScheduleDecision';
import { TextAction } from './TextAction';
import { useScheduleChoice } from './useScheduleChoice';
import './consultations.css';

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
  const choice = useScheduleChoice(c, can);

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
  return (
    <section className="card stack action-panel" data-testid="consult-decision">
      <h2 className="subhead">{cancelOnly ? t('decide.cancel') : t('decide.title')}</h2>
      {(can('accept') || can('propose-time')) && (
        <ScheduleDecision choice={choice} can={can} busy={busy} run={run} />
      )}
      {can('decline') && <DeclineDecision busy={busy} run={run} />}
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
