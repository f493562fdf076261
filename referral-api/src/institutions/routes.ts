import { Directory } from '@tiered-care/common';
import { inTx } from '../http/handlers';
import { route } from '../http/route';
import { listInstitutions } from './directory';

export const institutionRoutes = [
  route('get', '/api/institutions', {}, (c) => inTx(c, (db) => listInstitutions(db, c.actor)), {
    summary:
      "The consortium's institutions with departments, and the routes the caller's institution may use",
    response: Directory,
  }),
];
