import {
  ChatHistoryQuery,
  ChatLine,
  Consultation,
  ConsultationAction,
  ConsultationActionBodies,
  ConsultationListQuery,
  ConsultationListResponse,
  ConsultationRecord,
  CreateConsultationBody,
  OpinionBody,
  RecordingFile,
  ReferralConsultation,
} from '@tiered-care/common';
import { IdParams, inTx } from '@tiered-care/platform';
import { z } from 'zod';
import { route } from '../http/apiRoute';
import { performConsultationAction } from './actions';
import { referralConsultations } from './byReferral';
import { getRecord } from './record';
import { sendReport } from './reportRoute';
import { requestConsultation } from './request';
import { listConsultations } from './worklist';
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

/** One route per action, so each action's body is validated and documented on its own. */
const actionRoutes = ConsultationAction.options.map((action) =>
  route(
    'post',
    `/api/consultations/:id/actions/${action}`,
    { params: IdParams, body: ConsultationActionBodies[action] },
    (c) =>
      inTx(c, (db) =>
        performConsultationAction(db, c.services.crypto, c.actor, c.params.id, action, c.body as never),
      ),
    { summary: `Consultation action: ${action}`, response: Consultation },
  ),
);

export const consultationRoutes = [
  // The staff directory exists to pick participants; mounted with these routes so app.ts needs one line.
  ...userRoutes,
  route(
    'post',
    '/api/consultations',
    { body: CreateConsultationBody },
    (c) =>
      inTx(c, (db) => {
        const body = c.body;
        return 'mode' in body
          ? requestConsultation(db, c.services.crypto, c.actor, body)
          : createConsultation(db, c.actor, body);
      }),
    {
      summary:
        'Request a consultation from another institution (mode "request"), or schedule one hosted by the caller',
      status: 201,
      response: Consultation,
    },
  ),
  route(
    'get',
    '/api/consultations',
    { query: ConsultationListQuery },
    (c) =>
      inTx<z.input<typeof ConsultationListResponse>>(c, (db) => {
        const q = c.query;
        return q.box ? listConsultations(db, c.actor, { ...q, box: q.box }) : listSchedule(db, c.actor, q);
      }),
    {
      summary:
        'With box (incoming, outgoing, mine): a worklist page with counts; without: the caller’s schedule (Asia/Shanghai days)',
      response: ConsultationListResponse,
    },
  ),
  ...actionRoutes,
  route(
    'get',
    '/api/consultations/:id/record',
    { params: IdParams },
    (c) => inTx(c, (db) => getRecord(db, c.actor, c.params.id)),
    {
      summary:
        '会诊记录: question, participants, attendance, chat, opinions, conclusion, recordings, history',
      response: ConsultationRecord,
    },
  ),
  route('get', '/api/consultations/:id/report.pdf', { params: IdParams }, (c) => sendReport(c, c.params.id), {
    summary: 'The signed consultation report as a printable PDF',
    produces: 'application/pdf',
  }),
  route(
    'get',
    '/api/referrals/:id/consultations',
    { params: IdParams },
    (c) => inTx(c, (db) => referralConsultations(db, c.actor, c.params.id)),
    {
      summary:
        "The consultations about a referral, with their history and conclusion, for the referral's timeline",
      response: z.array(ReferralConsultation),
    },
  ),
  route(
    'get',
    '/api/consultations/:id',
    { params: IdParams },
    (c) => inTx(c, (db) => getConsultation(db, c.actor, c.params.id)),
    {
      summary: 'One consultation with participants, attendance, opinions and recordings',
      response: Consultation,
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
      response: z.array(ChatLine),
    },
  ),
  route(
    'get',
    '/api/consultations/:id/recordings/:recordingId/files',
    { params: RecordingParams },
    (c) => inTx(c, (db) => listRecordingFiles(db, c.actor, c.params.id, c.params.recordingId)),
    {
      summary: 'The playable files of a finished recording (one per participant)',
      response: z.array(RecordingFile),
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
