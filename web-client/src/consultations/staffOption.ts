// A member of staff as a select option: name, title, department (the host and specialist pickers).
export interface StaffLike {
  id: string;
  displayName: string;
  title?: string | null;
  departmentName?: string | null;
}

export const staffOption = (s: StaffLike) => ({
  value: s.id,
  label: `${s.displayName}${s.title ? `（${s.title}）` : ''} ${s.departmentName ?? ''}`,
});
