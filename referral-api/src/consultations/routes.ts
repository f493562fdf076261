import {
  ChatHistoryQuery,
  ConsultationRangeQuery,
  CreateConsultationBody,
  OpinionBody,
} from '@tiered-care/common';
import { inTx } from '../http/handlers';
import { IdParams, route } from '../http/route';
import { userRoutes } from '../users/routes';
import { listChatMessages } from './chat';
import { createConsultation } from './create';
import { endConsultation } from './lifecycle';
import { readOpinions, writeOpinion } from './opinions';
import { getConsultation } from './read';
import {
  listRecordingFiles,
  RecordingFileParams,
  RecordingParams,
  sendRecordingFile,
} from './recordingFiles';
import { listSchedule } from './schedule';

export const consultationRoutes = [
  // The staff directory exists to pick participants; mounted with these routes so app.ts needs one line.
  ...userRoutes,
  route(
    'post',
    '/api/consultations',
    { body: CreateConsultationBody },
    (c) => inTx(c, (db) => createConsultation(db, c.actor, c.body)),
    {
      summary: 'Schedule a remote consultation hosted by the caller and invite participants',
      status: 201,
    },
  ),
  route(
    'get',
    '/api/consultations',
    { query: ConsultationRangeQuery },
    (c) => inTx(c, (db) => listSchedule(db, c.actor, c.query)),
    {
      summary: "The caller's consultation schedule (calendar days in Asia/Shanghai)",
    },
  ),
  route(
    'get',
    '/api/consultations/:id',
    { params: IdParams },
    (c) => inTx(c, (db) => getConsultation(db, c.actor, c.params.id)),
    {
      summary: 'One consultation with participants, attendance, opinions and recordings',
    },
  ),
  route(
    'post',
    '/api/consultations/:id/end',
    { params: IdParams },
    (c) => inTx(c, (db) => endConsultation(db, c.actor, c.params.id)),
    {
      summary: 'End a consultation (host only)',
    },
  ),
  route(
    'post',
    '/api/consultations/:id/opinion',
    { params: IdParams, body: OpinionBody },
    (c) => inTx(c, (db) => writeOpinion(db, c.services.crypto, c.actor, c.params.id, c.body.text)),
    {
      summary: "Write or revise the caller's signed consultation opinion (specialists taking part)",
      status: 201,
    },
  ),
  route(
    'get',
    '/api/consultations/:id/opinion',
    { params: IdParams },
    (c) => inTx(c, (db) => readOpinions(db, c.actor, c.params.id)),
    {
      summary: "Each author's current opinion with its signature, public key and verification",
    },
  ),
  route(
    'get',
    '/api/consultations/:id/messages',
    { params: IdParams, query: ChatHistoryQuery },
    (c) => inTx(c, (db) => listChatMessages(db, c.actor, c.params.id, c.query)),
    {
      summary: 'Chat history of a consultation, oldest first',
    },
  ),
  route(
    'get',
    '/api/consultations/:id/recordings/:recordingId/files',
    { params: RecordingParams },
    (c) => inTx(c, (db) => listRecordingFiles(db, c.actor, c.params.id, c.params.recordingId)),
    {
      summary: 'The playable files of a finished recording (one per participant)',
    },
  ),
  route(
    'get',
    '/api/consultations/:id/recordings/:recordingId/files/:name',
    { params: RecordingFileParams },
    (c) => sendRecordingFile(c),
    {
      summary: 'One recording file (WebM video with audio, or Opus audio); supports Range requests',
      produces: 'video/webm',
    },
  ),
];
