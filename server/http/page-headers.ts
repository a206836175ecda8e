import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/** Which pages may show this one in a frame: those of its own origin (the rig embeds its views), or none. */
export type FramedBy = 'self' | 'none';

export interface PageHeadersOptions {
  readonly framedBy: FramedBy;
  /** Where the page's scripts may connect beyond its own origin, like `ws:` for the overlay's obs-websocket. */
  readonly connectTo?: readonly string[];
}

const SELF = "'self'";
const NONE = "'none'";

/**
 * Headers for the server's own HTML pages (`/docs`, the rig, the overlay): a Content-Security-Policy
 * that runs only same-origin script files (no inline script, no eval), loads nothing from
 * elsewhere, and lets only `framedBy` frame the page. Images may also be `data:` (Swagger UI's
 * icons are data URIs in its CSS) and `blob:` (Swagger UI shows an image answer from a blob URL).
 * HSTS is left to whoever terminates TLS in front of a self-hosted server.
 */
export function pageHeaders(options: PageHeadersOptions): MiddlewareHandler {
  const framedBy = options.framedBy === 'self' ? SELF : NONE;
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: [SELF],
      scriptSrc: [SELF],
      styleSrc: [SELF],
      imgSrc: [SELF, 'data:', 'blob:'],
      fontSrc: [SELF],
      connectSrc: [SELF, ...(options.connectTo ?? [])],
      objectSrc: [NONE],
      baseUri: [NONE],
      formAction: [SELF],
      frameAncestors: [framedBy],
    },
    // For browsers older than `frame-ancestors`; the two always say the same.
    xFrameOptions: options.framedBy === 'self' ? 'SAMEORIGIN' : 'DENY',
    strictTransportSecurity: false,
  });
}
