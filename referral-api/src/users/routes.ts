import { StaffMember, StaffQuery } from '@tiered-care/common';
import { inTx } from '@tiered-care/platform';
import { z } from 'zod';
import { route } from '../http/apiRoute';
import { listStaff } from './directory';

export const userRoutes = [
  route('get', '/api/users', { query: StaffQuery }, (c) => inTx(c, (db) => listStaff(db, c.query)), {
    summary: "Active staff of the caller's consortium, to pick consultation participants",
    response: z.array(StaffMember),
  }),
];
