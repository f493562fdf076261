import { Directory } from '@tiered-care/common';
import { inTx } from '@tiered-care/platform';
import { route } from '../http/apiRoute';
import { listInstitutions } from './directory';

export const institutionRoutes = [
  route('get', '/api/institutions', {}, (c) => inTx(c, (db) => listInstitutions(db, c.actor)), {
    summary:
      "The consortium's institutions with departments, and the routes the caller's institution may use",
    response: Directory,
  }),
];
