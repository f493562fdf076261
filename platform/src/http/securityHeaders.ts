// Security headers on every response. The web client is built by Vite into module scripts from
// our own origin, so scripts need no 'unsafe-inline'; React's style attributes do need inline
// styles. The viewers decode images with WebAssembly ('wasm-unsafe-eval') in workers and show
// recordings and reports from blob: URLs. Nothing may frame the app (clickjacking).
import type { RequestHandler } from 'express';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function securityHeaders(opts: { reportOnly: boolean }): RequestHandler {
  const header = opts.reportOnly ? 'Content-Security-Policy-Report-Only' : 'Content-Security-Policy';
  return (req, res, next) => {
    res.setHeader(header, CONTENT_SECURITY_POLICY);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'no-referrer');
    // The consult room needs the camera, microphone and screen; nothing else does.
    res.setHeader(
      'Permissions-Policy',
      'camera=(self), microphone=(self), display-capture=(self), geolocation=()',
    );
    // Only over TLS (directly or behind a proxy that says so): HSTS on plain HTTP would be ignored
    // at best and lock out a site that has no certificate yet at worst.
    if (req.secure) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    next();
  };
}
