// Cache-Control for every answer that carries patient data.
import type { Response } from 'express';

/**
 * Headers for anything that carries patient data: never kept by shared caches. By default not
 * kept by the browser either; an immutable answer with an ETag ('revalidate') may be kept by the
 * browser, but only to be revalidated through the access check before each use, so a share
 * that ended stops its reuse.
 */
export function privateResponse(res: Response, mode: 'no-store' | 'revalidate' = 'no-store'): void {
  res.setHeader('Cache-Control', mode === 'revalidate' ? 'private, no-cache' : 'private, no-store');
}
