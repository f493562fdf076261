// Store-back: every final report version goes into its study in the archive as an Encapsulated
// PDF, so any DICOM viewer shows the report beside the images. Started with the bridge, stopped
// on close. Each round claims a few versions from referral-api's queue (a lease, committed before
// anything is sent: no archive call inside a transaction), renders the same PDF the route serves
// for that version, wraps it with the study's own patient and study attributes, STOWs it through
// the bridge's archive client (with its timeout) and records the outcome. A failure is recorded
// and the queue offers the version again after a back-off, so an archive that was down (or
// restarted) gets the report once it answers. The SOP Instance UID is derived from the request
// and version: a retry after an unrecorded success stores the same instance, not a second one.
import {
  claimReportsToStore,
  recordReportStored,
  recordReportStoreFailed,
  type ReportToStore,
} from '@tiered-care/referral-api';
import { items, num, str } from '@tiered-care/common/dicomJson';
import type { BridgeContext } from '../context';
import { uidFromName } from '../demo/ctPhantom';
import { TAG } from '../dicom/tags';
import { pacsClient } from '../pacs/client';
import { basicAuthorization, type Upstream } from '../pacs/endpoints';
import { encapsulatedPdf, type StudyModule } from './encapsulatedPdf';
import { loadFigures } from './figures';
import { documentFromStore } from './reportDocument';
import { renderReportPdf, REPORT_TITLES } from './reportPdf';

const BATCH = 4;

function upstreamOf(ctx: BridgeContext, e: ReportToStore['endpoint']): Upstream {
  return {
    endpointId: e.id,
    baseUrl: e.baseUrl,
    authorization:
      e.username !== null && e.passwordEnc !== null
        ? basicAuthorization(e.username, ctx.services.crypto.decrypt(e.passwordEnc))
        : null,
  };
}

/** The study's own patient and study attributes, as the archive answers a study search. */
async function studyModule(up: Upstream, study: string): Promise<StudyModule> {
  const [found] = await pacsClient(up).searchStudies({ StudyInstanceUID: study });
  if (!found) throw new Error('the study is not in the archive');
  const get = (tag: string) => str(found, tag) ?? '';
  return {
    StudyInstanceUID: study,
    StudyDate: get('00080020'),
    StudyTime: get('00080030'),
    AccessionNumber: get('00080050'),
    StudyID: get('00200010'),
    ReferringPhysicianName: get('00080090'),
    PatientName: get(TAG.PatientName),
    PatientID: get(TAG.PatientID),
    PatientBirthDate: get('00100030'),
    PatientSex: get('00100040'),
  };
}

export const reportSeriesUid = (requestId: string) => uidFromName(`diagnosis-report/${requestId}`);
export const reportInstanceUid = (requestId: string, version: number) =>
  uidFromName(`diagnosis-report/${requestId}/${version}`);

async function storeOne(ctx: BridgeContext, item: ReportToStore): Promise<string> {
  const up = upstreamOf(ctx, item.endpoint);
  const doc = documentFromStore(item);
  const study = await studyModule(up, item.studyInstanceUid);
  const figures = await loadFigures(up, doc, (i) =>
    ctx.hierarchies.verify(up, { study: item.studyInstanceUid, ...i }),
  );
  const pdf = await renderReportPdf(doc, figures);
  const sop = reportInstanceUid(item.requestId, item.version);
  const file = encapsulatedPdf({
    pdf,
    study,
    seriesInstanceUid: reportSeriesUid(item.requestId),
    sopInstanceUid: sop,
    instanceNumber: item.version,
    title: `${REPORT_TITLES[item.kind]} 第 ${item.version} 版`,
    signedAt: new Date(item.report.signedAt),
  });
  const answer = await pacsClient(up).store([file]);
  const stored = items(answer, TAG.ReferencedSOPSequence).some(
    (i) => str(i, TAG.ReferencedSOPInstanceUID) === sop,
  );
  if (!stored) {
    const reason = items(answer, TAG.FailedSOPSequence).map((i) => num(i, '00081197'))[0];
    throw new Error(`the archive did not store the report object (failure reason ${reason ?? 'none given'})`);
  }
  return sop;
}

export class StoreBack {
  private timer: NodeJS.Timeout | null = null;
  private round: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly ctx: BridgeContext,
    private readonly pollMs: number,
  ) {}

  start(): void {
    this.schedule(0);
  }

  /** Waits for the round in flight (its leases would otherwise run out before a retry). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.round;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.round = this.runRound().then((full) => this.schedule(full ? 0 : this.pollMs));
    }, ms);
    this.timer.unref();
  }

  /** One batch; true when it was full (more may be waiting). */
  async runRound(): Promise<boolean> {
    const log = this.ctx.log;
    const pool = this.ctx.services.pool;
    let items: ReportToStore[];
    try {
      items = await claimReportsToStore(pool, BATCH, this.ctx.services.crypto);
    } catch (err) {
      log.warn({ err }, 'report store-back: could not read the queue');
      return false;
    }
    for (const item of items) {
      const ids = { requestId: item.requestId, version: item.version };
      try {
        const sop = await storeOne(this.ctx, item);
        await recordReportStored(pool, item.requestId, item.version, sop);
        log.info({ ...ids, sopInstanceUid: sop }, 'report stored in the study');
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        log.warn({ ...ids, error: message }, 'report store-back failed; will retry');
        await recordReportStoreFailed(pool, item.requestId, item.version, message).catch((e: unknown) =>
          log.warn({ ...ids, err: e }, 'report store-back: could not record the failure'),
        );
      }
    }
    return items.length === BATCH;
  }
}
