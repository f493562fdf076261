import type { Request } from 'express';
import { DICOMWEB_MOUNT, type BridgeContext } from '../context';

/** The bridge's DICOMweb root as the viewer reaches it (no trailing slash). */
export function bridgeRoot(ctx: BridgeContext, req: Request): string {
  const origin = ctx.publicBaseUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
  return origin.replace(/\/+$/, '') + DICOMWEB_MOUNT;
}
