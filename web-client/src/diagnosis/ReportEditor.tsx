// The reader's report form beside the study: save a draft, sign (a trainee's goes to a senior for
// co-signature), co-sign, or amend a signed report as a new signed version. Buttons follow the
// request's allowedActions; the ECG fields are prefilled from the bridge's measurements.
import type { DiagnosisRequest } from '@tiered-care/common';
import { useTranslation } from 'react-i18next';
import { FormProblems } from '../ui/FormProblems';
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
  const editor = useReportEditor(d, onChange);
  const { can, busy } = editor;
  const buttons = [
    { testId: 'report-save', label: 'report.save', shown: can('report'), onClick: editor.save },
    {
      testId: 'report-sign',
      label: 'report.sign',
      shown: can('report') || can('sign'),
      onClick: editor.sign,
      primary: true,
    },
    {
      testId: 'report-cosign',
      label: 'report.cosign',
      shown: can('cosign'),
      onClick: editor.cosign,
      primary: true,
    },
    {
      testId: 'report-amend',
      label: 'report.amendSubmit',
      shown: can('amend'),
      onClick: editor.amend,
      primary: true,
    },
  ];
  if (!editor.writing && !can('cosign') && !can('sign')) return null;
  // A signed report is changed only on purpose: the amendment form opens on request.
  if (can('amend') && !editor.amending) {
    return (
      <div className="row">
        <button type="button" data-testid="report-amend-open" onClick={() => editor.setAmending(true)}>
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
      <ReportFields
        kind={d.kind}
        draft={editor.draft}
        set={editor.set}
        analysis={editor.analysis}
        disabled={!editor.writing || busy}
      />
      {can('amend') && <AmendFields value={editor.amendment} onChange={editor.setAmendment} />}
      <FormProblems problems={editor.problems} failure={editor.failure} testId="report-errors" />
      {editor.saved && (
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
