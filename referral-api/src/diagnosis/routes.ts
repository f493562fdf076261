// Remote diagnosis over HTTP: wiring only (path, schemas, one domain call); the report PDF is
// served by pacs-bridge, which has the waveform and the images.
import {
  CreateDiagnosisRequestBody,
  DiagnosisAction,
  DiagnosisActionBodies,
  DiagnosisListQuery,
  DiagnosisPage,
  DiagnosisRequest,
  DiagnosisStats,
  DiagnosisStatsQuery,
  ReadingCentreList,
  ReadingCentreQuery,
} from '@tiered-care/common';
import { IdParams, inTx, Reply } from '@tiered-care/platform';
import { z } from 'zod';
import { route } from '../http/apiRoute';
import { performDiagnosisAction } from './actions';
import { listReadingCentres } from './centres';
import { createDiagnosisRequest } from './create';
import { listDiagnosisRequests } from './list';
import { getDiagnosisRequest } from './read';
import { diagnosisStats } from './stats';

const IdempotencyKey = z.string().trim().min(8).max(200).optional();

const actionRoutes = DiagnosisAction.options.map((action) =>
  route(
    'post',
    `/api/diagnosis-requests/:id/actions/${action}`,
    { params: IdParams, body: DiagnosisActionBodies[action] },
    (c) =>
      inTx(c, (db) =>
        performDiagnosisAction(db, c.services.crypto, c.actor, c.params.id, action, c.body as never),
      ),
    { summary: `Diagnosis request action: ${action}`, response: DiagnosisRequest },
  ),
);

export const diagnosisRoutes = [
  route(
    'post',
    '/api/diagnosis-requests',
    { body: CreateDiagnosisRequestBody },
    async (c) => {
      const key = IdempotencyKey.parse(c.req.get('Idempotency-Key')) ?? null;
      const r = await inTx(c, (db) => createDiagnosisRequest(db, c.actor, c.body, key));
      return new Reply(r.replayed ? 200 : 201, r.request);
    },
    {
      summary: 'Send an ECG or a study to a reading centre (诊断申请); send an Idempotency-Key header',
      status: 201,
      response: DiagnosisRequest,
    },
  ),
  route(
    'get',
    '/api/diagnosis-requests',
    { query: DiagnosisListQuery },
    (c) => inTx(c, (db) => listDiagnosisRequests(db, c.actor, c.query)),
    {
      summary: 'The reading worklist (incoming, most urgent first) or what the institution sent, with counts',
      response: DiagnosisPage,
    },
  ),
  route(
    'get',
    '/api/diagnosis-requests/:id',
    { params: IdParams },
    (c) => inTx(c, (db) => getDiagnosisRequest(db, c.actor, c.params.id)),
    {
      summary: 'One diagnosis request with its signed report versions, history and allowed actions',
      response: DiagnosisRequest,
    },
  ),
  ...actionRoutes,
  route(
    'get',
    '/api/reading-centres',
    { query: ReadingCentreQuery },
    (c) => inTx(c, (db) => listReadingCentres(db, c.actor, c.query)),
    { summary: 'Reading centres the caller may send to (ECG, imaging)', response: ReadingCentreList },
  ),
  route(
    'get',
    '/api/diagnosis-stats',
    { query: DiagnosisStatsQuery },
    (c) => inTx(c, (db) => diagnosisStats(db, c.actor, c.query)),
    {
      summary: 'Turnaround per reading centre, month, kind and priority (no patient data)',
      response: DiagnosisStats,
    },
  ),
];
