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
  return (
    <div className="row wrap">
      <SelectField
        label={t('form.toInstitution')}
        testId="consult-to-institution"
        value={form.toInstitutionId}
        onChange={(v) => set({ toInstitutionId: v, toDepartmentId: '', specialistUserId: '' })}
        placeholder={t('form.choose')}
        options={targets.map(named)}
      />
      <SelectField
        label={t('form.toDepartment')}
        testId="consult-to-department"
        value={form.toDepartmentId}
        onChange={(v) => set({ toDepartmentId: v, specialistUserId: '' })}
        placeholder={t('form.anyDepartment')}
        options={departments.map(named)}
      />
      <SelectField
        label={t('form.specialist')}
        testId="consult-specialist"
        value={form.specialistUserId}
        onChange={(v) => set({ specialistUserId: v })}
        placeholder={t('form.anySpecialist')}
        options={specialists.map(staffOption)}
      />
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
