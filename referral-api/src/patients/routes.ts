import { CreatePatientBody, Patient, PatientQuery } from '@tiered-care/common';
import { IdParams, inTx } from '@tiered-care/platform';
import { z } from 'zod';
import { route } from '../http/apiRoute';
import { createPatient, getPatient, searchPatients } from './patients';

export const patientRoutes = [
  route(
    'post',
    '/api/patients',
    { body: CreatePatientBody },
    (c) => inTx(c, (db) => createPatient(db, c.services.crypto, c.actor, c.body)),
    {
      summary: 'Register a patient at the caller’s institution',
      status: 201,
      response: Patient,
    },
  ),
  route(
    'get',
    '/api/patients',
    { query: PatientQuery },
    (c) => inTx(c, (db) => searchPatients(db, c.services.crypto, c.actor, c.query)),
    {
      summary: 'Find patients by name, phone or identity number',
      response: z.array(Patient),
    },
  ),
  route(
    'get',
    '/api/patients/:id',
    { params: IdParams },
    (c) => inTx(c, (db) => getPatient(db, c.actor, c.params.id)),
    {
      summary: 'One patient',
      response: Patient,
    },
  ),
];
