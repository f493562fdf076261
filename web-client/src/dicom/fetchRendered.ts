// A rendered image (WADO-RS `/rendered`) as an object URL for an <img>: an <img src> alone could
// not carry the session's bearer token. The caller revokes the URL when the image goes.
import { dicomGet } from './fetchJson';

export async function fetchRenderedImage(url: string, signal?: AbortSignal): Promise<string> {
  const res = await dicomGet(url, 'image/jpeg', signal);
  return URL.createObjectURL(await res.blob());
}
