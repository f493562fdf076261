// The reader's report form beside the study: save a draft, sign (a trainee's goes to a senior for
// co-signature), co-sign, or amend a signed report as a new signed version. Buttons follow the
// request's allowedActions; the ECG fields are prefilled from the bridge's measurements.
import type { AmendmentKind, DiagnosisRequest } from '@tiered-care/common';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../ui/states';
import { useAction } from '../ui/useAction';
import { diagnosisAct } from './api';
import { AmendFields } from './AmendFields';
import { ReportFields } from './ReportFields';
import { startingDraft, toContent, withMeasured, type ReportDraft } from './reportDraft';
import { useEcgAnalysis } from './useEcgAnalysis';

export function ReportEditor({
  request: d,
  onChange,
}: {
  request: DiagnosisRequest;
  onChange: (d: DiagnosisRequest) => void;
}) {
  const { t } = useTranslation('diagnosis');
  const can = (a: string) => d.allowedActions.some((x) => x === a);
  const writing = can('report') || can('amend');
  const [draft, setDraft] = useState<ReportDraft>(() => startingDraft(d));
  const [amendment, setAmendment] = useState<{ kind: AmendmentKind; reason: string }>({
    kind: 'correction',
    reason: '',
  });
  const [problems, setProblems] = useState<string[]>([]);
  const [saved, setSaved] = useState(false);
  const { busy, failure, run } = useAction();
  const failureText = useErrorMessage(failure);
  const analysis = useEcgAnalysis(d.studyInstanceUid, d.kind === 'ecg' && writing);
  const set = (patch: Partial<ReportDraft>) => {
    setSaved(false);
    setDraft((x) => ({ ...x, ...patch }));
  };

  useEffect(() => {
    const measured = analysis.data?.measurements;
    if (measured) setDraft((x) => withMeasured(x, measured));
  }, [analysis.data]);

  const content = () => {
    const parsed = toContent(draft, d.kind === 'ecg');
    setProblems(
      parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.') || '—'}: ${i.message}`),
    );
    return parsed.success ? parsed.data : null;
  };
  const save = () => {
    const report = content();
    if (report)
      void run(async () => {
        onChange(await diagnosisAct(d.id, 'report', { version: d.version, report }));
        setSaved(true);
      });
  };
  const sign = () => {
    const report = content();
    if (report)
      void run(async () => {
        // The text on screen is what gets signed: saved first when the reader may still edit it.
        const drafted = can('report')
          ? await diagnosisAct(d.id, 'report', { version: d.version, report })
          : d;
        onChange(await diagnosisAct(d.id, 'sign', { version: drafted.version }));
      });
  };
  const amend = () => {
    const report = content();
    if (report)
      void run(async () => {
        onChange(
          await diagnosisAct(d.id, 'amend', {
            version: d.version,
            amendment: amendment.kind,
            reason: amendment.reason,
            report,
          }),
        );
      });
  };
  const cosign = () =>
    void run(async () => onChange(await diagnosisAct(d.id, 'cosign', { version: d.version })));

  if (!writing && !can('cosign') && !can('sign')) return null;
  return (
    <form
      className="card stack report-editor"
      data-testid="report-editor"
      onSubmit={(e) => e.preventDefault()}
    >
      <h2>{can('amend') ? t('report.amend') : t('report.title')}</h2>
      <ReportFields
        kind={d.kind}
        draft={draft}
        set={set}
        analysis={analysis.data}
        disabled={!writing || busy}
      />
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
        {can('report') && (
          <button type="button" data-testid="report-save" disabled={busy} onClick={save}>
            {t('report.save')}
          </button>
        )}
        {(can('report') || can('sign')) && (
          <button type="button" className="primary" data-testid="report-sign" disabled={busy} onClick={sign}>
            {t('report.sign')}
          </button>
        )}
        {can('cosign') && (
          <button
            type="button"
            className="primary"
            data-testid="report-cosign"
            disabled={busy}
            onClick={cosign}
          >
            {t('report.cosign')}
          </button>
        )}
        {can('amend') && (
          <button
            type="button"
            className="primary"
            data-testid="report-amend"
            disabled={busy}
            onClick={amend}
          >
            {t('report.amendSubmit')}
          </button>
        )}
      </div>
    </form>
  );
}
