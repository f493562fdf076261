// Where the patient goes and how: receiving institution (from the caller's allowed routes, with
// 上转/下转 read from the two levels), department, referral type and priority.
import { Priority, ReferralType, type Direction } from '@tiered-care/common';
import { useTranslation } from 'react-i18next';
import type { Directory, Institution } from '@tiered-care/common';
import { Field, FieldSelect } from './Field';

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
      <FieldSelect
        id="to-institution"
        label={t('form.toInstitution')}
        error={errors.toInstitutionId}
        value={value.toInstitutionId}
        onChange={(v) => onChange({ toInstitutionId: v, toDepartmentId: '' })}
        placeholder={t('form.choose')}
        options={choices.map((c) => ({
          value: c.institution.id,
          label: `${c.institution.name}（${t(`common:direction.${c.direction}`)}）`,
        }))}
      />
      <FieldSelect
        id="to-department"
        label={t('form.toDepartmentOptional')}
        error={errors.toDepartmentId}
        value={value.toDepartmentId}
        disabled={!chosen}
        onChange={(v) => onChange({ toDepartmentId: v })}
        placeholder={t('form.anyDepartment')}
        options={(chosen?.institution.departments ?? []).map((d) => ({ value: d.id, label: d.name }))}
      />
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
