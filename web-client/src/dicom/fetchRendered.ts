// A rendered image (WADO-RS `/rendered`) as an object URL for an <img>: an <img src> alone could
// not carry the session's bearer token. The bytes come from the page's cache (a preview the page
// prefetched); the caller revokes the URL when the image goes.
import { renderedImage } from './studyCache';

export async function fetchRenderedImage(url: string): Promise<string> {
  return URL.createObjectURL(await renderedImage(url));
}
