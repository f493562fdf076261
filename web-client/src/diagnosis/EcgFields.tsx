// Rate, rhythm, PR, QRS, QT, QTc and axis: prefilled from the bridge's waveform analysis and
// editable; the note says where the figures came from.
import type { EcgAnalysis } from '@tiered-care/common';
import { useTranslation } from 'react-i18next';
import { ECG_NUMBERS, type EcgInputs, type EcgNumber } from './ecgFields';

const LABELS: Record<EcgNumber, string> = {
  heartRate: 'report.rate',
  prMs: 'report.pr',
  qrsMs: 'report.qrs',
  qtMs: 'report.qt',
  qtcMs: 'report.qtc',
  axisDeg: 'report.axis',
};

export function EcgFields({
  value,
  onChange,
  analysis,
  disabled,
}: {
  value: EcgInputs;
  onChange: (v: EcgInputs) => void;
  analysis: EcgAnalysis | null | undefined;
  disabled: boolean;
}) {
  const { t } = useTranslation('diagnosis');
  return (
    <fieldset className="stack ecg-fields" data-testid="report-ecg">
      <legend>{t('report.measurements')}</legend>
      <div className="diagnosis-fields">
        {ECG_NUMBERS.map((k) => (
          <label key={k}>
            {t(LABELS[k])}
            <input
              type="number"
              inputMode="numeric"
              data-testid={`report-ecg-${k}`}
              value={value[k]}
              disabled={disabled}
              onChange={(e) => onChange({ ...value, [k]: e.target.value })}
            />
          </label>
        ))}
        <label>
          {t('report.rhythm')}
          <input
            data-testid="report-ecg-rhythm"
            value={value.rhythm}
            disabled={disabled}
            onChange={(e) => onChange({ ...value, rhythm: e.target.value })}
          />
        </label>
      </div>
      {analysis !== undefined && (
        <p className="muted small" data-testid="report-ecg-source">
          {analysis && analysis.beats > 0
            ? t('report.measuredFrom', { lead: analysis.lead ?? '—', beats: analysis.beats })
            : t('report.noMeasurements')}
        </p>
      )}
    </fieldset>
  );
}
