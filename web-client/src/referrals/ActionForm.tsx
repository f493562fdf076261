// The small form each action needs before it is confirmed.
import { RejectReason, type ReferralAction } from '@tiered-care/common';
import { useTranslation } from 'react-i18next';
import type { Referral } from '@tiered-care/common';
import type { ActionFormState } from './actionBody';
import { errorProps, Field } from './Field';
import { RedirectFields } from './RedirectFields';
import { ScheduleFields } from './ScheduleFields';
import { SlotPicker } from './SlotPicker';
import './referralView.css';

type Text = 'note' | 'question' | 'answer' | 'diagnosis' | 'treatment' | 'advice' | 'reason';

export function ActionForm({
  action,
  referral,
  value,
  onChange,
  errors,
}: {
  action: ReferralAction;
  referral: Referral;
  value: ActionFormState;
  onChange: (patch: Partial<ActionFormState>) => void;
  errors: Record<string, string | undefined>;
}) {
  const { t } = useTranslation('referrals');

  const text = (name: Text, label: string, rows = 3, error = errors[name]) => {
    const id = `action-${name}`;
    return (
      <Field id={id} label={label} error={error}>
        <textarea
          id={id}
          data-testid={id}
          rows={rows}
          value={value[name]}
          onChange={(e) => onChange({ [name]: e.target.value })}
          {...errorProps(id, error)}
        />
      </Field>
    );
  };

  switch (action) {
    case 'submit': {
      const slots = referral.type === 'outpatient' && referral.direction === 'up' && referral.to.departmentId;
      return slots ? (
        <div className="stack">
          <p className="muted">{t('slots.optional')}</p>
          <SlotPicker
            institutionId={referral.to.institutionId}
            departmentId={referral.to.departmentId}
            type="outpatient"
            value={value.slotId || null}
            onChange={(s) => onChange({ slotId: s?.id ?? '' })}
          />
        </div>
      ) : (
        <p className="muted">{t('confirm.submit')}</p>
      );
    }
    case 'accept':
      return text('note', t('actionForm.noteOptional'), 2);
    case 'reject':
      return (
        <div className="stack">
          <Field id="reject-reason" label={t('actionForm.rejectReason')} error={errors.reasonCode}>
            <select
              id="reject-reason"
              data-testid="reject-reason"
              value={value.reasonCode}
              onChange={(e) => onChange({ reasonCode: e.target.value })}
              {...errorProps('reject-reason', errors.reasonCode)}
            >
              <option value="">{t('form.choose')}</option>
              {RejectReason.options.map((r) => (
                <option key={r} value={r}>
                  {t(`common:rejectReason.${r}`)}
                </option>
              ))}
            </select>
          </Field>
          {text('note', t('actionForm.rejectNote'))}
        </div>
      );
    case 'request-info':
      return text('question', t('actionForm.question'));
    case 'provide-info':
      return (
        <div className="stack">
          {referral.infoRequest && (
            <p className="quote">
              {t('outcome.question')}：{referral.infoRequest.question}
            </p>
          )}
          {text('answer', t('actionForm.answer'), 4)}
        </div>
      );
    case 'redirect':
      return (
        <div className="stack">
          <RedirectFields referral={referral} value={value} onChange={onChange} errors={errors} />
          {text('note', t('actionForm.redirectNote'), 2)}
        </div>
      );
    case 'schedule':
      return <ScheduleFields referral={referral} value={value} onChange={onChange} errors={errors} />;
    case 'check-in':
      return <p className="muted">{t('confirm.checkIn', { name: referral.patient?.name ?? '' })}</p>;
    case 'no-show':
      return text('note', t('actionForm.noteOptional'), 2);
    case 'complete':
      return (
        <div className="stack">
          {text('diagnosis', t('feedback.diagnosis'), 2, errors['feedback.diagnosis'])}
          {text('treatment', t('feedback.treatment'), 3, errors['feedback.treatment'])}
          {text('advice', t('feedback.advice'), 3, errors['feedback.advice'])}
        </div>
      );
    case 'cancel':
      return text('reason', t('actionForm.cancelReason'), 2);
  }
}
