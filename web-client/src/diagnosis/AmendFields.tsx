// An amendment's kind (addendum or correction) and its reason.
import { AmendmentKind } from '@tiered-care/common';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../ui/fields';

export function AmendFields({
  value,
  onChange,
}: {
  value: { kind: AmendmentKind; reason: string };
  onChange: (v: { kind: AmendmentKind; reason: string }) => void;
}) {
  const { t } = useTranslation('diagnosis');
  return (
    <div className="diagnosis-fields">
      <SelectField
        label={t('report.amendKind')}
        testId="report-amend-kind"
        value={value.kind}
        onChange={(v) => onChange({ ...value, kind: AmendmentKind.catch('correction').parse(v) })}
        options={AmendmentKind.options.map((k) => ({ value: k, label: t(`amendment.${k}`) }))}
      />
      <label>
        {t('report.amendReason')}
        <input
          data-testid="report-amend-reason"
          value={value.reason}
          onChange={(e) => onChange({ ...value, reason: e.target.value })}
        />
      </label>
    </div>
  );
}
