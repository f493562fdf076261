// The Cornerstone viewer chunk, asked for once: a page that shows an image study starts loading it
// early (it is the largest download on a clinic's link), and the lazy component takes the same
// promise when it mounts.
import type ViewerPanelModule from '../viewer/ViewerPanel';

type Chunk = Promise<{ default: typeof ViewerPanelModule }>;
let chunk: Chunk | null = null;

export function loadViewerChunk(): Chunk {
  if (!chunk) {
    const loading = import('../viewer/ViewerPanel');
    // A failed download is asked for again next time (a retry after the link came back).
    loading.catch(() => {
      if (chunk === loading) chunk = null;
    });
    chunk = loading;
  }
  return chunk;
}

export function preloadViewer(): void {
  loadViewerChunk().catch(() => undefined);
}
