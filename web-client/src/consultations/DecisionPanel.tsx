// The request's next steps for whoever may take them: the receiving side accepts (host and
// time), proposes another time, declines or asks for information; the requester answers or
// withdraws. Only the actions the API lists as allowed are offered.
import type { ConsultationAction, ConsultationActionBodies } from '@tiered-care/common';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../ui/states';
import { useAction } from '../ui/useAction';
import { act } from './api';
import { DeclineDecision } from './DeclineDecision';
import type { PanelProps } from './panelProps';
import { ScheduleDecision } from './ScheduleDecision';
import { TextAction } from './TextAction';
import { useScheduleChoice } from './useScheduleChoice';
import './consultations.css';

export function DecisionPanel({ consultation: c, onChanged }: PanelProps) {
  const { t } = useTranslation('consultations');
  const can = (a: ConsultationAction) => c.allowedActions.includes(a);
  const action = useAction();
  const { busy, failure } = action;
  const message = useErrorMessage(failure);
  const choice = useScheduleChoice(c, can);

  const run = <A extends ConsultationAction>(name: A, body: Omit<ConsultationActionBodies[A], 'version'>) =>
    action.run(async () => {
      await act(c.id, name, { version: c.version, ...body } as ConsultationActionBodies[A]);
      onChanged();
    });

  const requestActions: ConsultationAction[] = [
    'accept',
    'propose-time',
    'decline',
    'request-info',
    'provide-info',
  ];
  // The decisions that are one text: asking for information, answering, cancelling.
  const textActions = [
    {
      name: 'request-info',
      label: t('decide.infoQuestion'),
      field: 'consult-info-question',
      button: 'consult-request-info',
      action: t('decide.requestInfo'),
      onSubmit: (question: string) => run('request-info', { question }),
    },
    {
      name: 'provide-info',
      label: t('decide.infoAnswer'),
      field: 'consult-info-answer',
      button: 'consult-provide-info',
      action: t('decide.provideInfo'),
      multiline: true,
      primary: true,
      onSubmit: (answer: string) => run('provide-info', { answer }),
    },
    {
      name: 'cancel',
      label: t('decide.cancelReason'),
      field: 'consult-cancel-reason',
      button: 'consult-cancel',
      action: t('decide.cancel'),
      onSubmit: (reason: string) => run('cancel', { reason }),
    },
  ] as const;
  const cancelOnly = can('cancel') && !requestActions.some(can);
  if (!requestActions.some(can) && !can('cancel')) return null;
  return (
    <section className="card stack action-panel" data-testid="consult-decision">
      <h2 className="subhead">{cancelOnly ? t('decide.cancel') : t('decide.title')}</h2>
      {(can('accept') || can('propose-time')) && (
        <ScheduleDecision choice={choice} can={can} busy={busy} run={run} />
      )}
      {can('decline') && <DeclineDecision busy={busy} run={run} />}
      {textActions
        .filter((a) => can(a.name))
        .map(({ name, ...props }) => (
          <TextAction key={name} {...props} busy={busy} />
        ))}
      {failure !== null && (
        <p className="form-error" role="alert" data-testid="consult-action-error">
          {message}
        </p>
      )}
    </section>
  );
}
