import { ChangePasswordBody, IssuedToken, LoginBody, LoginResult, Me } from '@tiered-care/common';
import { describeMe } from '../institutions/directory';
import { inTx } from '@tiered-care/platform';
import { route } from '../http/apiRoute';
import { changePassword, currentSubject, login } from './login';

export const authRoutes = [
  route(
    'post',
    '/api/auth/login',
    { body: LoginBody },
    async (c) => {
      const subject = await login(c.services.pool, c.body, c.req.ip ?? 'unknown');
      const sessionId = await c.services.sessions.open(subject.userId);
      const issued = await c.services.tokens.issue({ ...subject, sessionId });
      const user = await inTx({ ...c, actor: { ...subject, ip: c.req.ip ?? null, userAgent: null } }, (db) =>
        describeMe(db, { ...subject, ip: null, userAgent: null }),
      );
      return { ...issued, user };
    },
    { summary: 'Sign in; returns a short-lived bearer token', public: true, response: LoginResult },
  ),
  route(
    'post',
    '/api/auth/refresh',
    {},
    async (c) =>
      c.services.tokens.issue({
        ...(await currentSubject(c.services.pool, c.actor)),
        sessionId: c.actor.sessionId,
      }),
    {
      summary: 'A fresh token for a still-valid one, issued from the user as the database has them now',
      beforePasswordChange: true,
      response: IssuedToken,
    },
  ),
  route(
    'post',
    '/api/auth/logout',
    {},
    async (c) => {
      if (c.actor.sessionId) await c.services.sessions.revoke(c.actor.sessionId, c.actor.userId, 'logout');
    },
    {
      summary: 'Sign out: ends this session (its tokens stop working, its sockets close)',
      status: 204,
      beforePasswordChange: true,
    },
  ),
  route(
    'post',
    '/api/auth/password',
    { body: ChangePasswordBody },
    async (c) => {
      await changePassword(c.services.pool, c.actor, c.body.currentPassword, c.body.newPassword);
      // Every session ended with the change; this page goes on in a new one.
      const subject = await currentSubject(c.services.pool, c.actor);
      const sessionId = await c.services.sessions.open(subject.userId);
      return c.services.tokens.issue({ ...subject, sessionId });
    },
    {
      summary: "Change the caller's password; ends every session of theirs and returns a new token",
      beforePasswordChange: true,
      response: IssuedToken,
    },
  ),
  route('get', '/api/me', {}, (c) => inTx(c, (db) => describeMe(db, c.actor)), {
    summary: 'The signed-in user',
    beforePasswordChange: true,
    response: Me,
  }),
];
