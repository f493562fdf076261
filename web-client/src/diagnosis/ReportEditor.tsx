// The reader's report form beside the study: save a draft, sign (a trainee's goes to a senior for
// co-signature), co-sign, or amend a signed report as a new signed version. Buttons follow the
// request's allowedActions; the ECG fields are prefilled from the bridge's measurements.
import type { DiagnosisRequest } from '@tiered-care/common';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../ui/states';
import { AmendFields } from './AmendFields';
import { ReportFields } from './ReportFields';
import { useReportEditor } from './useReportEditor';

export function ReportEditor({
  request: d,
  onChange,
}: {
  request: DiagnosisRequest;
  onChange: (d: DiagnosisRequest) => void;
}) {
  const { t } = useTranslation('diagnosis');
  const {
    can,
    writing,
    draft,
    set,
    amendment,
    setAmendment,
    problems,
    saved,
    amending,
    setAmending,
    busy,
    failure,
    analysis,
    save,
    sign,
    amend,
    cosign,
  } = useReportEditor(d, onChange);
  const failureText = useErrorMessage(failure);
  const buttons = [
    { testId: 'report-save', label: 'report.save', shown: can('report'), onClick: save },
    {
      testId: 'report-sign',
      label: 'report.sign',
      shown: can('report') || can('sign'),
      onClick: sign,
      primary: true,
    },
    { testId: 'report-cosign', label: 'report.cosign', shown: can('cosign'), onClick: cosign, primary: true },
    {
      testId: 'report-amend',
      label: 'report.amendSubmit',
      shown: can('amend'),
      onClick: amend,
      primary: true,
    },
  ];
  if (!writing && !can('cosign') && !can('sign')) return null;
  // A signed report is changed only on purpose: the amendment form opens on request.
  if (can('amend') && !amending) {
    return (
      <div className="row">
        <button type="button" data-testid="report-amend-open" onClick={() => setAmending(true)}>
          {t('report.amend')}
        </button>
      </div>
    );
  }
  return (
    <form
      className="card stack report-editor"
      data-testid="report-editor"
      onSubmit={(e) => e.preventDefault()}
    >
      <h2>{can('amend') ? t('report.amend') : t('report.title')}</h2>
      <ReportFields kind={d.kind} draft={draft} set={set} analysis={analysis} disabled={!writing || busy} />
      {can('amend') && <AmendFields value={amendment} onChange={setAmendment} />}
      {problems.length > 0 && (
        <ul className="form-error" role="alert" data-testid="report-errors">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      {failure !== null && (
        <p className="form-error" role="alert">
          {failureText}
        </p>
      )}
      {saved && (
        <p className="success" role="status">
          {t('report.saved')}
        </p>
      )}
      <div className="row">
        {buttons
          .filter((b) => b.shown)
          .map((b) => (
            <button
              key={b.testId}
              type="button"
              className={b.primary ? 'primary' : undefined}
              data-testid={b.testId}
              disabled={busy}
              onClick={b.onClick}
            >
              {t(b.label)}
            </button>
          ))}
      </div>
    </form>
  );
}
