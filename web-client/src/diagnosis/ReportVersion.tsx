// One signed version of a report: amendment note, findings, impression, ECG figures, who signed
// (and co-signed) it, whether the signatures verify, and whether the PACS holds its copy.
import type { DiagnosisReportVersion } from '@tiered-care/common';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../ui/dates';
import { CriticalPill } from './pills';

export function ReportVersion({ report: r }: { report: DiagnosisReportVersion }) {
  const { t } = useTranslation('diagnosis');
  const f = useFormat();
  const e = r.content.ecg;
  return (
    <div className="stack report-version" data-testid="report-version" data-version={r.version}>
      <div className="row">
        <strong>{t('view.version', { version: r.version })}</strong>
        {r.amendment && (
          <span className="pill" data-testid="report-amendment">
            {t(`amendment.${r.amendment.kind}`)}：{r.amendment.reason}
          </span>
        )}
        {r.content.critical && <CriticalPill />}
        <span className="spacer" />
        <span
          className={`pill ${r.verified && r.cosignVerified !== false ? 'signed' : 'overdue'}`}
          data-testid="report-verified"
          data-verified={r.verified && r.cosignVerified !== false}
        >
          {r.verified && r.cosignVerified !== false ? t('view.verified') : t('view.unverified')}
        </span>
        {r.pacs && (
          <span className="pill" data-testid="report-pacs" title={r.pacs.sopInstanceUid}>
            {t('view.pacsStored')}
          </span>
        )}
      </div>
      {e && (
        <p className="ecg-figures" data-testid="report-ecg-figures">
          {[
            [t('report.rate'), e.heartRate],
            [t('report.rhythm'), e.rhythm],
            [t('report.pr'), e.prMs],
            [t('report.qrs'), e.qrsMs],
            [t('report.qt'), e.qtMs],
            [t('report.qtc'), e.qtcMs],
            [t('report.axis'), e.axisDeg],
          ]
            .filter(([, v]) => v !== null)
            .map(([k, v]) => `${k} ${v}`)
            .join(' · ')}
        </p>
      )}
      <h3 className="subhead">{t('report.findings')}</h3>
      <p className="prewrap" data-testid="report-findings-text">
        {r.content.findings}
      </p>
      <h3 className="subhead">{t('report.impression')}</h3>
      <p className="prewrap impression" data-testid="report-impression-text">
        {r.content.impression}
      </p>
      {r.content.criticalNote && <p className="critical-note prewrap">{r.content.criticalNote}</p>}
      <p className="muted small">
        {t('view.signedBy', { name: r.signedBy.displayName, at: f.dateTime(r.signedAt) })}
        {r.cosignedBy &&
          ` · ${t('view.cosignedBy', { name: r.cosignedBy.displayName, at: f.dateTime(r.cosignedAt) })}`}
      </p>
    </div>
  );
}
