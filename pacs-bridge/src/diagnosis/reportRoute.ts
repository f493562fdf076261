// GET /api/diagnosis-requests/:id/report.pdf, served by the bridge (it holds the waveform and
// images): who may read the request is referral-api's rule (loadDiagnosisRequest, 404 for
// anyone outside), the study is opened under the bridge's own rule and audited, and the figures
// are drawn from the archive. Nothing signed yet: 409.
import { loadDiagnosisRequest } from '@tiered-care/referral-api';
import { AppError, Conflict, NotFound, route, type Actor, type Route } from '@tiered-care/platform';
import { z } from 'zod';
import { openStudy } from '../access/studyAccess';
import type { BridgeContext } from '../context';
import { loadFigures } from './figures';
import { documentFromRequest, type ReportDocument } from './reportDocument';
import { renderReportPdf, type ReportFigures } from './reportPdf';

const Params = z.strictObject({ id: z.uuid() });
const Query = z.strictObject({ version: z.coerce.number().int().min(1).max(100_000).optional() });

/** An archive that is down or slow does not stop the printout: the text prints without figures. */
const OUTAGES = new Set(['pacs_unavailable', 'pacs_timeout', 'pacs_error']);

async function figuresFor(ctx: BridgeContext, actor: Actor, d: ReportDocument): Promise<ReportFigures> {
  const up = await openStudy(ctx, actor, {
    kind: d.kind === 'ecg' ? 'ecg' : 'rendered',
    study: d.studyInstanceUid,
  });
  try {
    return await loadFigures(up, d, (i) => ctx.hierarchies.verify(up, { study: d.studyInstanceUid, ...i }));
  } catch (err) {
    if (!(err instanceof AppError && OUTAGES.has(err.code))) throw err;
    ctx.log.warn(
      { requestId: d.requestId, code: err.code },
      'report printed without figures: archive unavailable',
    );
    return { ecg: null, images: [] };
  }
}

export function reportRoutes(ctx: BridgeContext): Route[] {
  return [
    route(
      'get',
      '/api/diagnosis-requests/:id/report.pdf',
      { params: Params, query: Query },
      async (c) => {
        const request = await loadDiagnosisRequest(ctx.services.pool, c.actor, c.params.id);
        if (request.reports.length === 0)
          throw Conflict('report_not_signed', 'no version of this report is signed yet');
        const doc = documentFromRequest(request, c.query.version);
        if (!doc) throw NotFound('report version');
        const pdf = await renderReportPdf(doc, await figuresFor(ctx, c.actor, doc));
        c.res
          .status(200)
          .type('application/pdf')
          .setHeader(
            'Content-Disposition',
            `inline; filename="diagnosis-report-${doc.requestId}-v${doc.report.version}.pdf"`,
          )
          .setHeader('Cache-Control', 'private, no-store')
          .send(pdf);
        return undefined;
      },
      {
        summary:
          'The signed diagnosis report (PDF) with the ECG trace or the key images; ?version= for an earlier one',
        produces: 'application/pdf',
      },
    ),
  ];
}
