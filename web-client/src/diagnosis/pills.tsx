// Small labels every diagnosis screen shows: status, priority, kind, overdue and critical.
import type { DiagnosisKind, DiagnosisStatus, Priority } from '@tiered-care/common';
import { useTranslation } from 'react-i18next';

export function DiagnosisStatusPill({ status }: { status: DiagnosisStatus }) {
  const { t } = useTranslation('diagnosis');
  return (
    <span className={`pill diagnosis-status-${status}`} data-testid="diagnosis-status" data-status={status}>
      {t(`status.${status}`)}
    </span>
  );
}

export function PriorityPill({ priority }: { priority: Priority }) {
  const { t } = useTranslation('diagnosis');
  return <span className={`pill ${priority}`}>{t(`priority.${priority}`)}</span>;
}

export function KindPill({ kind }: { kind: DiagnosisKind }) {
  const { t } = useTranslation('diagnosis');
  return <span className={`pill kind-${kind}`}>{t(`kindShort.${kind}`)}</span>;
}

export function OverduePill() {
  const { t } = useTranslation('diagnosis');
  return (
    <span className="pill overdue" data-testid="diagnosis-overdue">
      {t('overdue')}
    </span>
  );
}

export function CriticalPill() {
  const { t } = useTranslation('diagnosis');
  return (
    <span className="pill critical" data-testid="diagnosis-critical">
      {t('critical')}
    </span>
  );
}
