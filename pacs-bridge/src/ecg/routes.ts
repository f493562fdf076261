import { EcgAnalysis, EcgJson } from '@tiered-care/common';
import { z } from 'zod';
import type { BridgeContext } from '../context';
import { isUid } from '../dicom/part10';
import { route, type Route } from '@tiered-care/platform';
import { encodeFloat32, toJson } from './binary';
import { loadEcg } from './load';
import { measureEcg } from './measure';

const Uid = z.string().refine(isUid);
const EcgParams = z.strictObject({ studyUid: Uid, seriesUid: Uid, instanceUid: Uid });
const EcgQuery = z.strictObject({ format: z.enum(['json', 'float32']).default('json') });

export function ecgRoutes(ctx: BridgeContext): Route[] {
  return [
    route(
      'get',
      '/api/ecg/:studyUid/:seriesUid/:instanceUid/measurements',
      { params: EcgParams },
      async (c) => {
        const ecg = await loadEcg(ctx, c.actor, {
          study: c.params.studyUid,
          series: c.params.seriesUid,
          instance: c.params.instanceUid,
        });
        c.res.setHeader('Cache-Control', 'private, no-store');
        return measureEcg(ecg);
      },
      {
        summary:
          'Heart rate, rhythm, PR, QRS, QT, QTc (Bazett) and frontal axis measured on the ECG (null where unclear)',
        response: EcgAnalysis,
      },
    ),
    route(
      'get',
      '/api/ecg/:studyUid/:seriesUid/:instanceUid',
      { params: EcgParams, query: EcgQuery },
      async (c) => {
        const ecg = await loadEcg(ctx, c.actor, {
          study: c.params.studyUid,
          series: c.params.seriesUid,
          instance: c.params.instanceUid,
        });
        c.res.setHeader('Cache-Control', 'private, no-store');
        if (c.query.format === 'float32') {
          c.res.status(200).type('application/octet-stream').send(encodeFloat32(ecg));
          return undefined;
        }
        return toJson(ecg);
      },
      {
        summary:
          'A decoded ECG (per multiplex group: leads, units, samples) with heart rate and RR intervals',
        response: EcgJson,
      },
    ),
  ];
}
