// "申请诊断" on a study: opens the request form with the study chosen (its modality presets the kind).
import type { StudySummary } from '@tiered-care/common';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function RequestDiagnosisButton({ study, referralId }: { study: StudySummary; referralId: string }) {
  const { t } = useTranslation('diagnosis');
  if (!study.available) return null;
  const q = new URLSearchParams({ referralId, study: study.studyInstanceUid });
  return (
    <Link
      className="button request-diagnosis"
      to={`/diagnosis/new?${q}`}
      data-testid="request-diagnosis"
      data-study-uid={study.studyInstanceUid}
    >
      {t('request')}
    </Link>
  );
}
