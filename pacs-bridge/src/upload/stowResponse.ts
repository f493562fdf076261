// The STOW-RS store response (PS3.18 10.5.3) for an upload stored file by file: what the archive
// stored, under the UIDs it stored them, and what it refused.
import type { DicomJson } from '@tiered-care/common/dicomJson';
import { TAG } from '../dicom/tags';
import type { StoredInstance } from './archive';
import type { DeclaredUids } from './declared';

/** An instance the archive stored, as the response lists it. */
export type Accepted = StoredInstance & { sopClassUid: string | null };

const ReferencedSOPClassUID = '00081150';
const FailureReason = '00081197';
/** 0xC000: the archive could not process the file. */
const CANNOT_UNDERSTAND = 0xc000;

function sop(classUid: string | null, instanceUid: string): DicomJson {
  const ref: DicomJson = { [TAG.ReferencedSOPInstanceUID]: { vr: 'UI', Value: [instanceUid] } };
  if (classUid) ref[ReferencedSOPClassUID] = { vr: 'UI', Value: [classUid] };
  return ref;
}

export function stowResponse(root: string, accepted: Accepted[], failed: DeclaredUids[]): DicomJson {
  const studies = [...new Set(accepted.map((a) => a.studyInstanceUid))];
  const out: DicomJson = {
    [TAG.ReferencedSOPSequence]: {
      vr: 'SQ',
      Value: accepted.map((a) => ({
        ...sop(a.sopClassUid, a.sopInstanceUid),
        [TAG.RetrieveURL]: {
          vr: 'UR',
          Value: [
            `${root}/studies/${a.studyInstanceUid}/series/${a.seriesInstanceUid}/instances/${a.sopInstanceUid}`,
          ],
        },
      })),
    },
  };
  if (studies.length === 1) out[TAG.RetrieveURL] = { vr: 'UR', Value: [`${root}/studies/${studies[0]}`] };
  if (failed.length > 0) {
    out[TAG.FailedSOPSequence] = {
      vr: 'SQ',
      Value: failed.map((f) => ({
        ...sop(f.sopClassUid, f.sopInstanceUid),
        [FailureReason]: { vr: 'US', Value: [CANNOT_UNDERSTAND] },
      })),
    };
  }
  return out;
}
