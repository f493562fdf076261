// URLs inside DICOM JSON (RetrieveURL, BulkDataURI) point at the PACS. They are rewritten to the
// bridge, so viewers come back through the access check, and internal hosts stay private.
import { isDicomJson, type DicomJson } from '../dicom/json';

/**
 * The bridge URL for a PACS URL under `upstreamRoot` (a DICOMweb root), or null when the URL is
 * somewhere else. Only the path below the root is kept: the PACS may spell its host differently.
 */
export function rebase(url: string, upstreamRoot: string, bridgeRoot: string): string | null {
  const rootPath = new URL(upstreamRoot).pathname.replace(/\/+$/, '');
  let parsed: URL;
  try {
    parsed = new URL(url, upstreamRoot);
  } catch {
    return null;
  }
  if (!parsed.pathname.startsWith(`${rootPath}/studies/`)) return null;
  return bridgeRoot + parsed.pathname.slice(rootPath.length) + parsed.search;
}

function rewriteDataset(ds: DicomJson, upstreamRoot: string, bridgeRoot: string): DicomJson {
  const out: DicomJson = {};
  for (const [tag, attr] of Object.entries(ds)) {
    if (!attr) continue;
    const copy = { ...attr };
    if (typeof copy.BulkDataURI === 'string') {
      const url = rebase(copy.BulkDataURI, upstreamRoot, bridgeRoot);
      // A URL the bridge can't serve would only leak an internal address.
      if (url === null) continue;
      copy.BulkDataURI = url;
    }
    if (copy.vr === 'UR' && copy.Value) {
      copy.Value = copy.Value.flatMap((v) => {
        if (typeof v !== 'string') return [v];
        const url = rebase(v, upstreamRoot, bridgeRoot);
        return url === null ? [] : [url];
      });
    }
    if (copy.vr === 'SQ' && copy.Value) {
      copy.Value = copy.Value.map((item) =>
        isDicomJson(item) ? rewriteDataset(item, upstreamRoot, bridgeRoot) : item,
      );
    }
    out[tag] = copy;
  }
  return out;
}

export function rewriteUrls(datasets: DicomJson[], upstreamRoot: string, bridgeRoot: string): DicomJson[] {
  return datasets.map((ds) => rewriteDataset(ds, upstreamRoot, bridgeRoot));
}
