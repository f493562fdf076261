// Where a consultation request may go: the institutions the caller has a route to, the chosen
// one's departments, and the specialists there (or in the chosen department).
import type { Directory } from '@tiered-care/common';
import { useMemo } from 'react';
import { useAsync } from '../ui/useAsync';
import { searchStaff } from './api';
import type { RequestForm } from './requestForm';

export function useRequestTargets(directory: Directory | undefined, form: RequestForm) {
  const targets = useMemo(() => {
    if (!directory) return [];
    const reachable = new Set(directory.routes.map((r) => r.toInstitutionId));
    return directory.institutions.filter((i) => reachable.has(i.id));
  }, [directory]);
  const departments = targets.find((i) => i.id === form.toInstitutionId)?.departments ?? [];
  const specialists = useAsync(
    (signal) =>
      form.toInstitutionId
        ? searchStaff(
            {
              institutionId: form.toInstitutionId,
              departmentId: form.toDepartmentId || undefined,
              role: 'specialist',
            },
            signal,
          )
        : Promise.resolve([]),
    [form.toInstitutionId, form.toDepartmentId],
  );
  return { targets, departments, specialists: specialists.data ?? [] };
}
