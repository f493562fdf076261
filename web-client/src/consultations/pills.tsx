import type { ConsultationStatus, Priority } from '@tiered-care/common';
import { useTranslation } from 'react-i18next';

export function ConsultStatusPill({ status }: { status: ConsultationStatus }) {
  const { t } = useTranslation('consultations');
  return (
    <span className={`pill consult-status-${status}`} data-testid="consult-status" data-status={status}>
      {t(`status.${status}`)}
    </span>
  );
}

export function PriorityPill({ priority }: { priority: Priority }) {
  const { t } = useTranslation('consultations');
  return <span className={`pill ${priority}`}>{t(`priority.${priority}`)}</span>;
}

export function OverduePill() {
  const { t } = useTranslation('consultations');
  return (
    <span className="pill overdue" data-testid="consult-overdue">
      {t('overdue')}
    </span>
  );
}
