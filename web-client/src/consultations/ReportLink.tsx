// Opens the signed 会诊报告 (PDF) in a new tab, fetched with the token (as the referral slip).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchBlob } from '../api/client';
import { useErrorMessage } from '../ui/states';

export function ReportLink({ consultationId }: { consultationId: string }) {
  const { t } = useTranslation('consultations');
  const [failure, setFailure] = useState<unknown>(null);
  const message = useErrorMessage(failure);
  const path = `/api/consultations/${encodeURIComponent(consultationId)}/report.pdf`;

  const open = async () => {
    setFailure(null);
    const tab = window.open('', '_blank');
    try {
      const blob = await fetchBlob(path);
      const url = URL.createObjectURL(new Blob([blob], { type: 'application/pdf' }));
      if (tab) tab.location.href = url;
      else window.location.assign(url);
      setTimeout(() => URL.revokeObjectURL(url), 120_000);
    } catch (err) {
      tab?.close();
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
