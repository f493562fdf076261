// Opens a PDF the API serves (the referral slip, the consultation report) in a new tab. The tab is
// opened at the click, before the download, so popup blockers let it through; the PDF is fetched
// with the token and shown from an object URL.
import { fetchBlob } from '../api/client';

/** Rejects (after closing the tab again) when the download fails. */
export async function openPdf(path: string, loadingText?: string): Promise<void> {
  const tab = window.open('', '_blank');
  if (tab && loadingText !== undefined) tab.document.body.textContent = loadingText;
  try {
    const blob = await fetchBlob(path);
    const url = URL.createObjectURL(new Blob([blob], { type: 'application/pdf' }));
    if (tab) tab.location.href = url;
    else window.location.assign(url);
    // Long enough for the viewer to read it; the tab keeps its own copy afterwards.
    setTimeout(() => URL.revokeObjectURL(url), 120_000);
  } catch (err) {
    tab?.close();
    throw err;
  }
}
