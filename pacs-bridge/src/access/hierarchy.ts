// A study is shared by its StudyInstanceUID, but a request names a series and an instance too,
// and the archive may hold, under the shared study's UID, an instance of another patient (a
// crafted file, a modality reusing UIDs): Orthanc serves it under the study's path. So every
// retrieval is checked against what the archive the share points to says the study holds: one
// patient, and the requested series and instance among its own. The study's instance list is
// asked once and kept for a short time per (endpoint, study), so the hundreds of frame requests
// of a viewer cost no extra round trip; a series or instance missing from it (stored since) is
// asked about on its own.
import { str, type DicomJson } from '@tiered-care/common/dicomJson';
import { TAG } from '../dicom/tags';
import type { Upstream } from '../pacs/endpoints';
import { fetchDicomJson } from '../pacs/upstream';
import { NotFound } from '@tiered-care/platform';

export interface HierarchyRequest {
  study: string;
  series?: string;
  instance?: string;
}

interface Hierarchy {
  patients: Set<string>;
  /** Series UID → its SOP Instance UIDs. */
  series: Map<string, Set<string>>;
  size: number;
  until: number;
}

/** Asks the archive a QIDO path (below its DICOMweb root) and returns the datasets. */
export type Qido = (up: Upstream, path: string) => Promise<DicomJson[]>;

export interface HierarchyOptions {
  qido?: Qido;
  now?: () => number;
  /** Instance UIDs kept over all studies (~100 bytes each; default 200 000). */
  maxInstances?: number;
  /** Told when a study is refused for naming more than one patient (for the operator's log). */
  onTwoPatients?: (endpointId: string, study: string) => void;
}

const INSTANCE_FIELDS = `includefield=${TAG.SeriesInstanceUID}&includefield=${TAG.PatientID}`;

function add(h: Hierarchy, found: DicomJson[]): void {
  for (const ds of found) {
    h.patients.add(str(ds, TAG.PatientID) ?? '');
    const series = str(ds, TAG.SeriesInstanceUID);
    if (!series) continue;
    let sops = h.series.get(series);
    if (!sops) h.series.set(series, (sops = new Set()));
    const sop = str(ds, TAG.SOPInstanceUID);
    if (sop && !sops.has(sop)) {
      sops.add(sop);
      h.size++;
    }
  }
}

const onePatient = (h: Hierarchy): boolean => h.patients.size === 1;

export class StudyHierarchies {
  private readonly known = new Map<string, Hierarchy>();
  private readonly pending = new Map<string, Promise<Hierarchy>>();
  private total = 0;

  private readonly qido: Qido;
  private readonly now: () => number;
  private readonly maxInstances: number;
  private readonly onTwoPatients: (endpointId: string, study: string) => void;

  constructor(
    private readonly ttlMs: number,
    options: HierarchyOptions = {},
  ) {
    this.qido = options.qido ?? ((up, path) => fetchDicomJson(up, path, 'bridge'));
    this.now = options.now ?? Date.now;
    this.maxInstances = options.maxInstances ?? 200_000;
    this.onTwoPatients = options.onTwoPatients ?? (() => undefined);
  }

  /** Resolves when the archive places the requested series and instance in the study; else NotFound. */
  async verify(up: Upstream, r: HierarchyRequest): Promise<void> {
    const h = await this.hierarchy(up, r.study);
    // Two patients under one study UID: which one was shared can't be told from the archive, so
    // nothing of the study is served rather than maybe the wrong patient's images.
    if (!onePatient(h)) throw this.refused(up, r.study, h);
    if (!r.series) return;
    const sops = h.series.get(r.series);
    if (sops && (!r.instance || sops.has(r.instance))) return;
    // Not in the list: stored after it was taken, or not in this study at all. Asked on its own;
    // what it finds must be the study's one patient too.
    const path = r.instance
      ? `/studies/${r.study}/series/${r.series}/instances?SOPInstanceUID=${r.instance}&${INSTANCE_FIELDS}`
      : `/studies/${r.study}/series/${r.series}/instances?${INSTANCE_FIELDS}`;
    const found = (await this.qido(up, path)).filter(
      (ds) =>
        str(ds, TAG.SeriesInstanceUID) === r.series &&
        (!r.instance || str(ds, TAG.SOPInstanceUID) === r.instance),
    );
    const sizeBefore = h.size;
    // Kept even when refused: a second patient found here closes the study, as the list would.
    add(h, found);
    if (this.known.get(`${up.endpointId}|${r.study}`) === h) this.total += h.size - sizeBefore;
    if (found.length === 0) throw NotFound('study');
    if (!onePatient(h)) throw this.refused(up, r.study, h);
  }

  /** The series' SOP Instance UIDs in the archive's order, as last listed and still trusted (else none). */
  listed(up: Upstream, study: string, series: string): string[] {
    const h = this.known.get(`${up.endpointId}|${study}`);
    return h && h.until > this.now() && onePatient(h) ? [...(h.series.get(series) ?? [])] : [];
  }

  private refused(up: Upstream, study: string, h: Hierarchy): Error {
    if (h.patients.size > 1) this.onTwoPatients(up.endpointId, study);
    return NotFound('study');
  }

  private hierarchy(up: Upstream, study: string): Promise<Hierarchy> {
    const key = `${up.endpointId}|${study}`;
    const hit = this.known.get(key);
    if (hit && hit.until > this.now()) return Promise.resolve(hit);
    // Many requests arrive together when a viewer opens a series: one question for all of them.
    let asked = this.pending.get(key);
    if (!asked) {
      asked = this.load(up, study).finally(() => this.pending.delete(key));
      this.pending.set(key, asked);
      void asked.then((h) => this.remember(key, h)).catch(() => undefined);
    }
    return asked;
  }

  private async load(up: Upstream, study: string): Promise<Hierarchy> {
    const h: Hierarchy = { patients: new Set(), series: new Map(), size: 0, until: this.now() + this.ttlMs };
    add(h, await this.qido(up, `/studies/${study}/instances?${INSTANCE_FIELDS}`));
    return h;
  }

  private remember(key: string, h: Hierarchy): void {
    // Nothing to keep: a study not (yet) in the archive may arrive any moment.
    if (this.ttlMs <= 0 || h.patients.size === 0) return;
    const old = this.known.get(key);
    if (old) this.total -= old.size;
    this.known.delete(key);
    this.known.set(key, h);
    this.total += h.size;
    for (const [oldest, o] of this.known) {
      if (this.total <= this.maxInstances || oldest === key) break;
      this.known.delete(oldest);
      this.total -= o.size;
    }
  }
}
