import type { Priority, ReferralStatus } from '@tiered-care/common';
import { useTranslation } from 'react-i18next';

export function StatusPill({ status, testId }: { status: ReferralStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <span className={`pill status-${status}`} data-testid={testId} data-status={status}>
      {t(`status.${status}`)}
    </span>
  );
}

export function PriorityPill({ priority }: { priority: Priority }) {
  const { t } = useTranslation();
  return <span className={`pill ${priority}`}>{t(`priority.${priority}`)}</span>;
}

export function OverduePill() {
  const { t } = useTranslation();
  return (
    <span className="pill overdue" data-testid="overdue-flag">
      {t('time.overdue')}
    </span>
  );
}
