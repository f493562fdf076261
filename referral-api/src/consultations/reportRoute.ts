import { Conflict, inTx, type HandlerContext } from '@tiered-care/platform';
import { auditConsultation } from './access';
import { getRecord } from './record';
import { renderReport } from './report';

/** The report is a read of the record (audited); it exists once the host has concluded. */
export async function sendReport(c: HandlerContext<unknown, unknown, unknown>, id: string): Promise<void> {
  const record = await inTx(c, async (db) => {
    const r = await getRecord(db, c.actor, id);
    if (!r.conclusion) throw Conflict('report_not_ready', 'the host has not concluded this consultation yet');
    await auditConsultation(db, c.actor, 'report', {
      consultationId: id,
      patientId: r.patient?.id ?? null,
      referralId: r.referralId,
    });
    return r;
  });
  // Rendering happens after the transaction: no connection is held while the PDF is drawn.
  const pdf = await renderReport(record, { printedAt: new Date(), printedBy: c.actor.displayName });
  c.res
    .status(200)
    .type('application/pdf')
    .setHeader('Content-Disposition', `inline; filename="consultation-report-${id}.pdf"`)
    .setHeader('Cache-Control', 'no-store')
    .send(pdf);
}
