// /admin/users — 用户管理: an institution administrator's list of their institution's users,
// with deactivate/reactivate, reset password (the generated temporary password is shown once)
// and role editing. The server checks everything again (own institution, never oneself).
import type { AdminUser, AdminUserList, PasswordReset } from '@tiered-care/common';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Table } from '../ui/Table';
import { api } from '../api/client';
import { useSession } from '../auth/session';
import { ErrorState, Loading, useErrorMessage } from '../ui/states';
import { useAction } from '../ui/useAction';
import { UserRow } from './UserRow';

export default function UsersAdminPage() {
  const { t } = useTranslation('admin');
  const { user: me } = useSession();
  const [users, setUsers] = useState<AdminUser[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const { failure, run } = useAction();
  const [notice, setNotice] = useState<{ text: string; password?: string } | null>(null);
  const failureText = useErrorMessage(failure);

  const load = useCallback(() => {
    setLoadError(null);
    api<AdminUserList>('GET', '/api/admin/users').then((r) => setUsers(r.users), setLoadError);
  }, []);
  useEffect(load, [load]);

  const replace = (u: AdminUser) => setUsers((list) => list?.map((x) => (x.id === u.id ? u : x)) ?? null);
  const act = (fn: () => Promise<void>) => {
    setNotice(null);
    return run(fn);
  };

  const handlers = {
    setActive: (u: AdminUser, active: boolean) =>
      act(async () => {
        if (!active && !window.confirm(t('confirmDeactivate', { name: u.displayName }))) return;
        replace(
          await api<AdminUser>('POST', `/api/admin/users/${u.id}/${active ? 'reactivate' : 'deactivate'}`),
        );
      }),
    resetPassword: (u: AdminUser) =>
      act(async () => {
        if (!window.confirm(t('confirmReset', { name: u.displayName }))) return;
        const r = await api<PasswordReset>('POST', `/api/admin/users/${u.id}/reset-password`);
        replace(r.user);
        setNotice({ text: t('temporary', { name: u.displayName }), password: r.temporaryPassword });
      }),
    saveRoles: (u: AdminUser, roles: string[]) =>
      act(async () => {
        replace(await api<AdminUser>('PUT', `/api/admin/users/${u.id}/roles`, { body: { roles } }));
        setNotice({ text: t('rolesSaved', { name: u.displayName }) });
      }),
  };

  if (loadError) return <ErrorState error={loadError} onRetry={load} />;
  if (!users) return <Loading />;
  return (
    <section className="card stack" data-testid="admin-users">
      <h1>{t('title')}</h1>
      <p className="muted">{t('hint')}</p>
      {failure !== null && (
        <p className="form-error" role="alert" data-testid="admin-error">
          {failureText}
        </p>
      )}
      {notice && (
        <p className="notice" role="status" data-testid="admin-notice">
          {notice.text}
          {notice.password && (
            <>
              {' '}
              <code data-testid="temporary-password">{notice.password}</code>
            </>
          )}
        </p>
      )}
      <Table
        className="admin-users"
        headings={(['name', 'username', 'department', 'roles', 'status', 'actions'] as const).map((k) =>
          t(k),
        )}
      >
        {users.map((u) => (
          <UserRow key={u.id} user={u} self={u.id === me?.id} {...handlers} />
        ))}
      </Table>
    </section>
  );
}
