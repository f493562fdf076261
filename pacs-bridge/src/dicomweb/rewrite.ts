// URLs inside DICOM JSON (RetrieveURL, BulkDataURI) point at the PACS. They are rewritten to the
// bridge, so viewers come back through the access check, and internal hosts stay private. Only
// URLs inside the study being answered for are kept: an answer about a shared study never hands
// out a path into another one (which the PACS might serve under a crafted UID).
import { isDicomJson, str, type DicomJson } from '@tiered-care/common/dicomJson';
import { TAG } from '../dicom/tags';

/**
 * The bridge URL for a PACS URL inside `study` under `upstreamRoot` (a DICOMweb root), or null
 * when the URL is somewhere else. Only the path below the root is kept: the PACS may spell its
 * host differently.
 */
export function rebase(
  url: string,
  upstreamRoot: string,
  bridgeRoot: string,
  study: string | readonly string[],
): string | null {
  const rootPath = new URL(upstreamRoot).pathname.replace(/\/+$/, '');
  let parsed: URL;
  try {
    parsed = new URL(url, upstreamRoot);
  } catch {
    return null;
  }
  const inside = (typeof study === 'string' ? [study] : study).some((s) => {
    const studyPath = `${rootPath}/studies/${s}`;
    return parsed.pathname === studyPath || parsed.pathname.startsWith(`${studyPath}/`);
  });
  if (!inside) return null;
  return bridgeRoot + parsed.pathname.slice(rootPath.length) + parsed.search;
}

function rewriteDataset(
  ds: DicomJson,
  upstreamRoot: string,
  bridgeRoot: string,
  study: string | readonly string[],
): DicomJson {
  const out: DicomJson = {};
  for (const [tag, attr] of Object.entries(ds)) {
    if (!attr) continue;
    const copy = { ...attr };
    if (typeof copy.BulkDataURI === 'string') {
      const url = rebase(copy.BulkDataURI, upstreamRoot, bridgeRoot, study);
      // A URL the bridge can't serve would only leak an internal address.
      if (url === null) continue;
      copy.BulkDataURI = url;
    }
    if (copy.vr === 'UR' && copy.Value) {
      copy.Value = copy.Value.flatMap((v) => {
        if (typeof v !== 'string') return [v];
        const url = rebase(v, upstreamRoot, bridgeRoot, study);
        return url === null ? [] : [url];
      });
    }
    if (copy.vr === 'SQ' && copy.Value) {
      copy.Value = copy.Value.map((item) =>
        isDicomJson(item) ? rewriteDataset(item, upstreamRoot, bridgeRoot, study) : item,
      );
    }
    out[tag] = copy;
  }
  return out;
}

/**
 * `study`: the study (or studies, for a store response) the answer is about; null for a patient
 * search, where each dataset is a study of its own (one without a StudyInstanceUID keeps no URL).
 */
export function rewriteUrls(
  datasets: DicomJson[],
  upstreamRoot: string,
  bridgeRoot: string,
  study: string | readonly string[] | null,
): DicomJson[] {
  return datasets.map((ds) =>
    rewriteDataset(ds, upstreamRoot, bridgeRoot, study ?? str(ds, TAG.StudyInstanceUID) ?? []),
  );
}
