// The requester's (and everyone's) view of the signed report: the current version first, earlier
// versions (amendments) below, the PDF to print, and who acknowledged it.
import type { DiagnosisRequest } from '@tiered-care/common';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../ui/dates';
import { openPdf } from '../ui/openPdf';
import { useErrorMessage } from '../ui/states';
import { useAction } from '../ui/useAction';
import { reportPdfPath } from './api';
import { ReportVersion } from './ReportVersion';

export function ReportView({ request: d }: { request: DiagnosisRequest }) {
  const { t } = useTranslation('diagnosis');
  const f = useFormat();
  const pdf = useAction();
  const pdfFailure = useErrorMessage(pdf.failure);
  // A trainee's report waiting for co-signature has not reached the requester yet.
  const final = d.awaitingCosign ? d.reports.slice(0, -1) : d.reports;
  const current = final.at(-1);
  const earlier = final.slice(0, -1).reverse();
  return (
    <section
      className="card stack diagnosis-report"
      data-testid="diagnosis-report"
      data-versions={final.length}
      data-critical={d.critical}
    >
      <div className="row">
        <h2>{t('view.title')}</h2>
        <span className="spacer" />
        {current && (
          <button
            type="button"
            data-testid="report-pdf"
            disabled={pdf.busy}
            onClick={() => void pdf.run(() => openPdf(reportPdfPath(d.id), t('view.pdfLoading')))}
          >
            {t('view.pdf')}
          </button>
        )}
      </div>
      {pdf.failure !== null && (
        <p className="form-error" role="alert">
          {pdfFailure}
        </p>
      )}
      {current ? <ReportVersion report={current} /> : <p className="muted">{t('view.none')}</p>}
      {d.acknowledgedAt && d.acknowledgedBy && (
        <p className="success" data-testid="report-acknowledged">
          {t('view.acknowledged', { name: d.acknowledgedBy.displayName, at: f.dateTime(d.acknowledgedAt) })}
          {d.acknowledgeNote && ` · ${d.acknowledgeNote}`}
        </p>
      )}
      {earlier.length > 0 && (
        <details data-testid="report-earlier">
          <summary>{t('view.earlier')}</summary>
          {earlier.map((r) => (
            <ReportVersion key={r.version} report={r} />
          ))}
        </details>
      )}
    </section>
  );
}
