// A rendered image fetched with the session's token, shown through an object URL that is revoked
// when the image changes or goes. `load` answers the URL to fetch, or null when there is none.
import { useEffect, useState } from 'react';
import { fetchRenderedImage } from '../dicom/fetchRendered';
import { settle } from '../ui/useAsync';

export type RenderedImage =
  { state: 'loading' | 'none' | 'failed'; src: null } | { state: 'ready'; src: string };

export function useRenderedImage(
  load: (signal: AbortSignal) => Promise<string | null>,
  deps: unknown[],
): RenderedImage {
  const [image, setImage] = useState<RenderedImage>({ state: 'loading', src: null });
  useEffect(() => {
    const controller = new AbortController();
    let src: string | null = null;
    setImage({ state: 'loading', src: null });
    const fetched = load(controller.signal).then((url) => (url === null ? null : fetchRenderedImage(url)));
    settle(
      fetched,
      controller.signal,
      (url) => {
        src = url;
        setImage(url === null ? { state: 'none', src: null } : { state: 'ready', src: url });
      },
      () => setImage({ state: 'failed', src: null }),
      () => undefined,
    );
    // An answer that lands after the abort is revoked at once.
    fetched.then(
      (url) => controller.signal.aborted && url && URL.revokeObjectURL(url),
      () => undefined,
    );
    return () => {
      controller.abort();
      if (src) URL.revokeObjectURL(src);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- callers pass the deps of `load`
  }, deps);
  return image;
}
