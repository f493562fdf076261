// Whom the consultation request goes to: institution, department, specialist, and its priority.
import { Priority } from '@tiered-care/common';
import { useTranslation } from 'react-i18next';
import type { RequestForm } from './requestForm';

interface Props {
  form: RequestForm;
  set: (patch: Partial<RequestForm>) => void;
  targets: { id: string; name: string }[];
  departments: { id: string; name: string }[];
  specialists: { id: string; displayName: string; title?: string | null; departmentName?: string | null }[];
}

export function RequestTarget({ form, set, targets, departments, specialists }: Props) {
  const { t } = useTranslation('consultations');
  return (
    <div className="row wrap">
      <label>
        {t('form.toInstitution')}
        <select
          data-testid="consult-to-institution"
          value={form.toInstitutionId}
          onChange={(e) => set({ toInstitutionId: e.target.value, toDepartmentId: '', specialistUserId: '' })}
        >
          <option value="">{t('form.choose')}</option>
          {targets.map((i) => (
            <option key={i.id} value={i.id}>
              {i.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('form.toDepartment')}
        <select
          data-testid="consult-to-department"
          value={form.toDepartmentId}
          onChange={(e) => set({ toDepartmentId: e.target.value, specialistUserId: '' })}
        >
          <option value="">{t('form.anyDepartment')}</option>
          {departments.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('form.specialist')}
        <select
          data-testid="consult-specialist"
          value={form.specialistUserId}
          onChange={(e) => set({ specialistUserId: e.target.value })}
        >
          <option value="">{t('form.anySpecialist')}</option>
          {specialists.map((s) => (
            <option key={s.id} value={s.id}>
              {s.displayName}
              {s.title ? `（${s.title}）` : ''} {s.departmentName ?? ''}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('form.priority')}
        <select
          data-testid="consult-priority"
          value={form.priority}
          onChange={(e) => set({ priority: e.target.value as Priority })}
        >
          {Priority.options.map((p) => (
            <option key={p} value={p}>
              {t(`priority.${p}`)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
