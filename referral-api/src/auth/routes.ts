import { LoginBody } from '@tiered-care/common';
import { describeMe } from '../institutions/directory';
import { inTx } from '../http/handlers';
import { route } from '../http/route';
import { currentSubject, login } from './login';

export const authRoutes = [
  route(
    'post',
    '/api/auth/login',
    { body: LoginBody },
    async (c) => {
      const subject = await login(c.services.pool, c.body, c.req.ip ?? 'unknown');
      const issued = await c.services.tokens.issue(subject);
      const user = await inTx({ ...c, actor: { ...subject, ip: c.req.ip ?? null, userAgent: null } }, (db) =>
        describeMe(db, { ...subject, ip: null, userAgent: null }),
      );
      return { ...issued, user };
    },
    { summary: 'Sign in; returns a short-lived bearer token', public: true },
  ),
  route(
    'post',
    '/api/auth/refresh',
    {},
    async (c) => c.services.tokens.issue(await currentSubject(c.services.pool, c.actor)),
    { summary: 'A fresh token for a still-valid one, issued from the user as the database has them now' },
  ),
  route('get', '/api/me', {}, (c) => inTx(c, (db) => describeMe(db, c.actor)), {
    summary: 'The signed-in user',
  }),
];
