// Redirect (改转): another institution of the consortium for the same patient. Which ones the
// referring institution may use is its routes' business: the API checks, we offer the others.
import { useTranslation } from 'react-i18next';
import type { Referral } from '../api/types';
import { ErrorState, Loading } from '../ui/states';
import type { ActionFieldsProps } from './actionBody';
import { errorProps, Field } from './Field';
import { useDirectory } from './useDirectory';

export function RedirectFields({
  referral,
  value,
  onChange,
  errors,
}: ActionFieldsProps & { referral: Referral }) {
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
      <Field id="redirect-institution" label={t('redirect.institution')} error={errors.toInstitutionId}>
        <select
          id="redirect-institution"
          data-testid="redirect-institution"
          value={value.toInstitutionId}
          onChange={(e) => onChange({ toInstitutionId: e.target.value, toDepartmentId: '' })}
          {...errorProps('redirect-institution', errors.toInstitutionId)}
        >
          <option value="">{t('form.choose')}</option>
          {options.map((i) => (
            <option key={i.id} value={i.id}>
              {i.name}
            </option>
          ))}
        </select>
      </Field>
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
