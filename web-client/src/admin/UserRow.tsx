// One user in the administration table: status, roles (editable in place) and the actions. The
// administrator's own row has no actions: they change their password on the password page.
import { InstitutionRole, type AdminUser } from '@tiered-care/common';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  user: AdminUser;
  self: boolean;
  setActive: (u: AdminUser, active: boolean) => Promise<void>;
  resetPassword: (u: AdminUser) => Promise<void>;
  saveRoles: (u: AdminUser, roles: string[]) => Promise<void>;
}

export function UserRow({ user: u, self, setActive, resetPassword, saveRoles }: Props) {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation();
  const [editing, setEditing] = useState<string[] | null>(null);

  const toggle = (role: string) =>
    setEditing((r) => (r?.includes(role) ? r.filter((x) => x !== role) : [...(r ?? []), role]));

  return (
    <tr data-testid="admin-user-row" data-username={u.username} data-active={String(u.active)}>
      <td>
        {u.displayName}
        {self && t('you')}
      </td>
      <td>{u.username}</td>
      <td>{u.departmentName ?? '—'}</td>
      <td>
        {editing ? (
          <span className="row wrap" data-testid="role-editor">
            {InstitutionRole.options.map((role) => (
              <label key={role}>
                <input
                  type="checkbox"
                  data-testid={`role-${role}`}
                  checked={editing.includes(role)}
                  onChange={() => toggle(role)}
                />
                {tc(`roles.${role}`)}
              </label>
            ))}
          </span>
        ) : (
          u.roles.map((r) => tc(`roles.${r}`)).join('、')
        )}
      </td>
      <td data-testid="user-status">
        {u.active ? t('active') : t('inactive')}
        {u.mustChangePassword && ` · ${t('mustChange')}`}
      </td>
      <td>
        <div className="row wrap">
          {!self && editing && (
            <>
              <button
                type="button"
                className="primary"
                data-testid="save-roles"
                disabled={editing.length === 0}
                title={editing.length === 0 ? t('atLeastOneRole') : undefined}
                onClick={() => void saveRoles(u, editing).then(() => setEditing(null))}
              >
                {t('saveRoles')}
              </button>
              <button type="button" onClick={() => setEditing(null)}>
                {t('cancel')}
              </button>
            </>
          )}
          {!self && !editing && (
            <>
              <button type="button" data-testid="edit-roles" onClick={() => setEditing([...u.roles])}>
                {t('editRoles')}
              </button>
              <button type="button" data-testid="reset-password" onClick={() => void resetPassword(u)}>
                {t('resetPassword')}
              </button>
              <button
                type="button"
                data-testid={u.active ? 'deactivate' : 'reactivate'}
                onClick={() => void setActive(u, !u.active)}
              >
                {u.active ? t('deactivate') : t('reactivate')}
              </button>
            </>
          )}
        </div>
      </td>
    </tr>
  );
}
