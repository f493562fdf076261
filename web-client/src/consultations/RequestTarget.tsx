// Whom the consultation request goes to: institution, department, specialist, and its priority.
import { Priority } from '@tiered-care/common';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../ui/fields';
import type { RequestForm } from './requestForm';
import { staffOption, type StaffLike } from './staffOption';

const named = (x: { id: string; name: string }) => ({ value: x.id, label: x.name });

interface Props {
  form: RequestForm;
  set: (patch: Partial<RequestForm>) => void;
  targets: { id: string; name: string }[];
  departments: { id: string; name: string }[];
  specialists: StaffLike[];
}

export function RequestTarget({ form, set, targets, departments, specialists }: Props) {
  const { t } = useTranslation('consultations');
  const levels = [
    ['toInstitutionId', 'to-institution', t('form.toInstitution'), t('form.choose'), targets.map(named)],
    [
      'toDepartmentId',
      'to-department',
      t('form.toDepartment'),
      t('form.anyDepartment'),
      departments.map(named),
    ],
    [
      'specialistUserId',
      'specialist',
      t('form.specialist'),
      t('form.anySpecialist'),
      specialists.map(staffOption),
    ],
  ] as const;
  return (
    <div className="row wrap">
      {levels.map(([key, id, label, placeholder, options], i) => (
        <SelectField
          key={key}
          label={label}
          testId={`consult-${id}`}
          value={form[key]}
          onChange={(v) => {
            // A choice empties the narrower ones after it (a department of another institution…).
            const patch: Partial<RequestForm> = { [key]: v };
            for (const [narrower] of levels.slice(i + 1)) patch[narrower] = '';
            set(patch);
          }}
          placeholder={placeholder}
          options={options}
        />
      ))}
      <SelectField
        label={t('form.priority')}
        testId="consult-priority"
        value={form.priority}
        onChange={(v) => set({ priority: v as Priority })}
        options={Priority.options.map((p) => ({ value: p, label: t(`priority.${p}`) }))}
      />
    </div>
  );
}
