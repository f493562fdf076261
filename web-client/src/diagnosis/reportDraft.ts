// The report form's state: where it starts (the saved draft, else the latest signed version for an
// amendment, else empty) and the ReportContent it makes, checked with the API's schema.
import { ReportContent, type DiagnosisRequest, type EcgMeasurements } from '@tiered-care/common';
import { ecgInputs, ecgValues, EMPTY_ECG, type EcgInputs } from './ecgFields';

export interface ReportDraft {
  findings: string;
  impression: string;
  critical: boolean;
  criticalNote: string;
  ecg: EcgInputs;
}

export function startingDraft(d: DiagnosisRequest): ReportDraft {
  const from = d.draft ?? d.reports.at(-1)?.content ?? null;
  return {
    findings: from?.findings ?? '',
    impression: from?.impression ?? '',
    critical: from?.critical ?? false,
    criticalNote: from?.criticalNote ?? '',
    ecg: from?.ecg ? ecgInputs(from.ecg) : EMPTY_ECG,
  };
}

/** Fills the ECG boxes the reader has not touched from the bridge's measurements. */
export function withMeasured(draft: ReportDraft, measured: EcgMeasurements): ReportDraft {
  const filled = ecgInputs(measured);
  const ecg = { ...draft.ecg };
  for (const k of Object.keys(ecg) as (keyof EcgInputs)[]) if (ecg[k] === '') ecg[k] = filled[k];
  return { ...draft, ecg };
}

export function toContent(draft: ReportDraft, withEcg: boolean) {
  return ReportContent.safeParse({
    findings: draft.findings,
    impression: draft.impression,
    critical: draft.critical,
    criticalNote: draft.critical && draft.criticalNote.trim() ? draft.criticalNote : undefined,
    ecg: withEcg ? ecgValues(draft.ecg) : undefined,
  });
}
