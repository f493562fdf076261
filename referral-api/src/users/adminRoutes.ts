import { AdminUser, AdminUserList, PasswordReset, SetRolesBody } from '@tiered-care/common';
import { IdParams, inTx } from '@tiered-care/platform';
import { route } from '../http/apiRoute';
import {
  assertInstitutionAdmin,
  listInstitutionUsers,
  newTemporaryPassword,
  resetUserPassword,
  setUserActive,
  setUserRoles,
} from './admin';

export const adminUserRoutes = [
  route(
    'get',
    '/api/admin/users',
    {},
    async (c) => ({ users: await inTx(c, (db) => listInstitutionUsers(db, c.actor)) }),
    {
      summary: "The users of the administrator's own institution, with roles and status",
      response: AdminUserList,
    },
  ),
  route(
    'post',
    '/api/admin/users/:id/deactivate',
    { params: IdParams },
    (c) => inTx(c, (db) => setUserActive(db, c.actor, c.params.id, false)),
    {
      summary: 'Deactivate a user of the own institution (not oneself); ends their sessions',
      response: AdminUser,
    },
  ),
  route(
    'post',
    '/api/admin/users/:id/reactivate',
    { params: IdParams },
    (c) => inTx(c, (db) => setUserActive(db, c.actor, c.params.id, true)),
    { summary: 'Reactivate a user of the own institution', response: AdminUser },
  ),
  route(
    'put',
    '/api/admin/users/:id/roles',
    { params: IdParams, body: SetRolesBody },
    (c) => inTx(c, (db) => setUserRoles(db, c.actor, c.params.id, c.body.roles)),
    {
      summary: 'Set the roles of a user of the own institution (not oneself); ends their sessions',
      response: AdminUser,
    },
  ),
  route(
    'post',
    '/api/admin/users/:id/reset-password',
    { params: IdParams },
    async (c) => {
      assertInstitutionAdmin(c.actor);
      // Hashing takes a while: outside the transaction.
      const reset = await newTemporaryPassword();
      return inTx(c, (db) => resetUserPassword(db, c.actor, c.params.id, reset));
    },
    {
      summary:
        'Reset the password of a user of the own institution: a generated one, shown once, to be changed at the next sign-in; ends their sessions',
      response: PasswordReset,
    },
  ),
];
