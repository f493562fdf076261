import { audit, Conflict, inTx, NotFound, type HandlerContext } from '@tiered-care/platform';
import { loadReferralRow, maySeeCheckInCode, toReferral, withPatient } from './referralRow';
import { renderSlip } from './slip';

/** The slip is a read of the referral (audited); a draft has no slip yet. */
export async function sendSlip(c: HandlerContext<unknown, unknown, unknown>, id: string): Promise<void> {
  const pdf = await inTx(c, async (db) => {
    const row = await loadReferralRow(db, id);
    if (!row) throw NotFound('referral');
    if (row.status === 'draft')
      throw Conflict('slip_not_ready', 'submit the referral before printing its slip');
    // The slip carries the patient: once the caller's access ended there is none to print.
    const referral = withPatient(toReferral(row, c.actor));
    await audit(db, c.actor, {
      action: 'referral.slip',
      entityType: 'referral',
      entityId: id,
      referralId: id,
      patientId: row.patient_id,
    });
    return renderSlip(referral, {
      checkInCode: maySeeCheckInCode(row, c.actor) ? row.check_in_code : null,
      printedAt: new Date(),
      printedBy: c.actor.displayName,
    });
  });
  c.res
    .status(200)
    .type('application/pdf')
    .setHeader('Content-Disposition', `inline; filename="referral-${id}.pdf"`)
    .setHeader('Cache-Control', 'no-store')
    .send(pdf);
}
