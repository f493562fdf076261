import { CreateSlotsBody, Slot, SlotQuery } from '@tiered-care/common';
import { inTx } from '@tiered-care/platform';
import { z } from 'zod';
import { route } from '../http/apiRoute';
import { createSlots, listSlots } from './slots';

export const slotRoutes = [
  route('get', '/api/slots', { query: SlotQuery }, (c) => inTx(c, (db) => listSlots(db, c.query)), {
    summary: 'Reserved appointment slots of an institution, with free places',
    response: z.array(Slot),
  }),
  route(
    'post',
    '/api/slots',
    { body: CreateSlotsBody },
    (c) => inTx(c, (db) => createSlots(db, c.actor, c.body)),
    {
      summary: 'Reserve slots for referrals in one of the caller’s departments',
      status: 201,
    },
  ),
];
