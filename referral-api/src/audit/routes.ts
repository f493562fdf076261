import { AuditQuery } from '@tiered-care/common';
import { inTx } from '@tiered-care/platform';
import { route } from '../http/apiRoute';
import { readAudit } from './read';

export const auditRoutes = [
  route('get', '/api/audit', { query: AuditQuery }, (c) => inTx(c, (db) => readAudit(db, c.actor, c.query)), {
    summary: 'Who read or changed a referral or patient, when and from where (institution administrators)',
  }),
];
