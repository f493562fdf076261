// The report form's state and what its buttons do: the draft (prefilled from the bridge's ECG
// measurements), checked with the API's schema, then saved, signed, co-signed or amended.
import type { AmendmentKind, DiagnosisRequest } from '@tiered-care/common';
import { useEffect, useState } from 'react';
import { problemLines } from '../ui/FormProblems';
import { useAction } from '../ui/useAction';
import { diagnosisAct } from './api';
import { startingDraft, toContent, withMeasured, type ReportDraft } from './reportDraft';
import { useEcgAnalysis } from './useEcgAnalysis';

export function useReportEditor(d: DiagnosisRequest, onChange: (d: DiagnosisRequest) => void) {
  const can = (a: string) => d.allowedActions.some((x) => x === a);
  const writing = can('report') || can('amend');
  const [draft, setDraft] = useState<ReportDraft>(() => startingDraft(d));
  const [amendment, setAmendment] = useState<{ kind: AmendmentKind; reason: string }>({
    kind: 'correction',
    reason: '',
  });
  const [problems, setProblems] = useState<string[]>([]);
  const [saved, setSaved] = useState(false);
  const [amending, setAmending] = useState(false);
  const { busy, failure, run } = useAction();
  const analysis = useEcgAnalysis(d.studyInstanceUid, d.kind === 'ecg' && can('report'));
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
    setProblems(parsed.success ? [] : problemLines(parsed.error));
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

  return {
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
    analysis: analysis.data,
    save,
    sign,
    amend,
    cosign,
  };
}
