// Redirect (改转): another institution of the consortium for the same patient. Which ones the
// referring institution may use is its routes' business: the API checks, we offer the others.
import { useTranslation } from 'react-i18next';
import type { Referral } from '@tiered-care/common';
import { ErrorState, Loading } from '../ui/states';
import type { ActionFieldsProps } from './actionBody';
import { Field, FieldSelect } from './Field';
import { useDirectory } from '../directory/useDirectory';

export function RedirectFields(props: ActionFieldsProps & { referral: Referral }) {
  const { referral, value, onChange, errors } = props;
  const { t } = useTranslation('referrals');
  const directory = useDirectory();
  if (directory.loading && !directory.data) return <Loading />;
  if (directory.error) return <ErrorState error={directory.error} onRetry={directory.reload} />;
  const options = (directory.data?.institutions ?? []).filter(
    (i) => i.id !== referral.to.institutionId && i.id !== referral.from.institutionId,
  );
  const chosen = options.find((i) => i.id === value.toInstitutionId);
  return (
    <div className="grid-2">
      <FieldSelect
        id="redirect-institution"
        label={t('redirect.institution')}
        error={errors.toInstitutionId}
        value={value.toInstitutionId}
        onChange={(v) => onChange({ toInstitutionId: v, toDepartmentId: '' })}
        placeholder={t('form.choose')}
        options={options.map((i) => ({ value: i.id, label: i.name }))}
      />
      <Field id="redirect-department" label={t('form.toDepartmentOptional')} error={errors.toDepartmentId}>
        <select
          id="redirect-department"
          data-testid="redirect-department"
          value={value.toDepartmentId}
          disabled={!chosen}
          onChange={(e) => onChange({ toDepartmentId: e.target.value })}
        >
          <option value="">{t('form.anyDepartment')}</option>
          {chosen?.departments.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
      </Field>
    </div>
  );
}
