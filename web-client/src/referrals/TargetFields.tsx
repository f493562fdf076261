// Where the patient goes and how: receiving institution (from the caller's allowed routes, with
// 上转/下转 read from the two levels), department, referral type and priority.
import { Priority, ReferralType, type Direction } from '@tiered-care/common';
import { useTranslation } from 'react-i18next';
import type { Directory, Institution } from '@tiered-care/common';
import { errorProps, Field } from './Field';

export interface Target {
  toInstitutionId: string;
  toDepartmentId: string;
  type: ReferralType;
  priority: Priority;
}

export interface RouteChoice {
  institution: Institution;
  direction: Direction;
}

/** The institutions the caller's institution may refer to, each with its direction. */
export function routeChoices(dir: Directory, myLevel: number | null): RouteChoice[] {
  return dir.routes.flatMap((r) => {
    const institution = dir.institutions.find((i) => i.id === r.toInstitutionId);
    if (!institution) return [];
    const byLevel: Direction | null =
      myLevel === null
        ? null
        : institution.level > myLevel
          ? 'up'
          : institution.level < myLevel
            ? 'down'
            : null;
    return [{ institution, direction: byLevel ?? r.direction }];
  });
}

export function TargetFields({
  choices,
  value,
  onChange,
  errors,
}: {
  choices: RouteChoice[];
  value: Target;
  onChange: (patch: Partial<Target>) => void;
  errors: Record<string, string | undefined>;
}) {
  const { t } = useTranslation('referrals');
  const chosen = choices.find((c) => c.institution.id === value.toInstitutionId);
  return (
    <div className="grid-2">
      <Field id="to-institution" label={t('form.toInstitution')} error={errors.toInstitutionId}>
        <select
          id="to-institution"
          data-testid="to-institution"
          value={value.toInstitutionId}
          onChange={(e) => onChange({ toInstitutionId: e.target.value, toDepartmentId: '' })}
          {...errorProps('to-institution', errors.toInstitutionId)}
        >
          <option value="">{t('form.choose')}</option>
          {choices.map((c) => (
            <option key={c.institution.id} value={c.institution.id}>
              {c.institution.name}（{t(`common:direction.${c.direction}`)}）
            </option>
          ))}
        </select>
      </Field>
      <Field id="to-department" label={t('form.toDepartmentOptional')} error={errors.toDepartmentId}>
        <select
          id="to-department"
          data-testid="to-department"
          value={value.toDepartmentId}
          disabled={!chosen}
          onChange={(e) => onChange({ toDepartmentId: e.target.value })}
          {...errorProps('to-department', errors.toDepartmentId)}
        >
          <option value="">{t('form.anyDepartment')}</option>
          {chosen?.institution.departments.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
      </Field>
      <Field id="referral-type" label={t('form.type')} error={errors.type}>
        <select
          id="referral-type"
          data-testid="referral-type"
          value={value.type}
          onChange={(e) => onChange({ type: ReferralType.parse(e.target.value) })}
        >
          {ReferralType.options.map((o) => (
            <option key={o} value={o}>
              {t(`common:type.${o}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="referral-priority" label={t('form.priority')} error={errors.priority}>
        <select
          id="referral-priority"
          data-testid="referral-priority"
          value={value.priority}
          onChange={(e) => onChange({ priority: Priority.parse(e.target.value) })}
        >
          {Priority.options.map((o) => (
            <option key={o} value={o}>
              {t(`common:priority.${o}`)}
            </option>
          ))}
        </select>
      </Field>
    </div>
  );
}
