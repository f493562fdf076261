// Findings, 诊断意见, the template picker, the critical flag and (ECG) the measured values.
import type { DiagnosisKind, EcgAnalysis } from '@tiered-care/common';
import { useTranslation } from 'react-i18next';
import { TextAreaField } from '../ui/fields';
import { EcgFields } from './EcgFields';
import type { ReportDraft } from './reportDraft';
import { TEMPLATES } from './templates';

export function ReportFields({
  kind,
  draft,
  set,
  analysis,
  disabled,
}: {
  kind: DiagnosisKind;
  draft: ReportDraft;
  set: (patch: Partial<ReportDraft>) => void;
  analysis: EcgAnalysis | null | undefined;
  disabled: boolean;
}) {
  const { t } = useTranslation('diagnosis');
  const templates = TEMPLATES[kind];
  return (
    <>
      <label>
        {t('report.template')}
        <select
          data-testid="report-template"
          value=""
          disabled={disabled}
          onChange={(e) => {
            const tpl = templates.find((x) => x.id === e.target.value);
            if (tpl) set({ findings: tpl.findings, impression: tpl.impression });
          }}
        >
          <option value="">{t('report.pickTemplate')}</option>
          {templates.map((x) => (
            <option key={x.id} value={x.id}>
              {x.name}
            </option>
          ))}
        </select>
      </label>
      {kind === 'ecg' && (
        <EcgFields
          value={draft.ecg}
          onChange={(ecg) => set({ ecg })}
          analysis={analysis}
          disabled={disabled}
        />
      )}
      <TextAreaField
        label={t('report.findings')}
        testId="report-findings"
        rows={6}
        value={draft.findings}
        disabled={disabled}
        onChange={(v) => set({ findings: v })}
      />
      <TextAreaField
        label={t('report.impression')}
        testId="report-impression"
        rows={3}
        value={draft.impression}
        disabled={disabled}
        onChange={(v) => set({ impression: v })}
      />
      <label className="inline critical-flag">
        <input
          type="checkbox"
          data-testid="report-critical"
          checked={draft.critical}
          disabled={disabled}
          onChange={(e) => set({ critical: e.target.checked })}
        />
        {t('report.criticalFlag')}
      </label>
      {draft.critical && (
        <TextAreaField
          label={t('report.criticalNote')}
          testId="report-critical-note"
          rows={2}
          value={draft.criticalNote}
          disabled={disabled}
          onChange={(v) => set({ criticalNote: v })}
        />
      )}
    </>
  );
}
