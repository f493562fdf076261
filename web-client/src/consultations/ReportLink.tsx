// Opens the signed 会诊报告 (PDF) in a new tab, fetched with the token (as the referral slip).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { openPdf } from '../ui/openPdf';
import { useErrorMessage } from '../ui/states';

export function ReportLink({ consultationId }: { consultationId: string }) {
  const { t } = useTranslation('consultations');
  const [failure, setFailure] = useState<unknown>(null);
  const message = useErrorMessage(failure);
  const path = `/api/consultations/${encodeURIComponent(consultationId)}/report.pdf`;

  const open = async () => {
    setFailure(null);
    try {
      await openPdf(path);
    } catch (err) {
      setFailure(err);
    }
  };

  return (
    <span className="row">
      <a
        href={path}
        data-testid="consult-report-pdf"
        onClick={(e) => {
          e.preventDefault();
          void open();
        }}
      >
        {t('record.report')}
      </a>
      {failure !== null && <span className="form-error">{message}</span>}
    </span>
  );
}
