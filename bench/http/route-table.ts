import { BROWSER_HEADERS, type LoadOptions, loadRoute, type RouteLoad } from './load-route.js';
import type { Gallery } from './seed-gallery.js';
import type { BenchTokens } from './tokens.js';

/** One row of the table: its figures, or why it has none. */
export interface RouteRow {
  readonly name: string;
  readonly load?: RouteLoad;
  readonly note?: string;
}

interface Route {
  readonly name: string;
  readonly path: string;
  readonly headers?: Record<string, string>;
  /** Sends `If-None-Match` with the ETag of a first, plain answer. */
  readonly conditional?: boolean;
}

/** The reads a raid makes, and the ones a panel polls, in the order the table prints them. */
export function routesFor(tokens: BenchTokens, gallery: Gallery): Route[] {
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const publicGallery = '/public/v1/channels/local/assets';
  return [
    {
      name: 'GET /api/v1/jobs/:id (JWT)',
      path: `/api/v1/jobs/${gallery.jobId}`,
      headers: as(tokens.broadcaster),
    },
    { name: 'gallery: GET /api/v1/assets (viewer JWT)', path: '/api/v1/assets', headers: as(tokens.viewer) },
    { name: `gallery: GET ${publicGallery}`, path: publicGallery },
    { name: '  the same, If-None-Match (304)', path: publicGallery, conditional: true },
    { name: 'GET /asset/:id (PNG)', path: `/asset/${gallery.assetId}` },
    { name: '  the same, If-None-Match (304)', path: `/asset/${gallery.assetId}`, conditional: true },
    { name: 'GET /healthz', path: '/healthz' },
  ];
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** The body's size, and what went over the wire when it came compressed (fetch decodes it). */
function sizeNote(response: Response, bytes: number): string {
  const encoding = response.headers.get('content-encoding');
  const sent = Number(response.headers.get('content-length'));
  return encoding && sent ? `${kb(bytes)}, ${kb(sent)} ${encoding}` : kb(bytes);
}

/** Asks once, as the load will, so a missing route or a missing ETag is a note, not a row of errors. */
async function probe(
  url: string,
  route: Route,
): Promise<{ headers?: Record<string, string>; note?: string }> {
  const first = await fetch(`${url}${route.path}`, { headers: { ...BROWSER_HEADERS, ...route.headers } });
  const bytes = (await first.arrayBuffer()).byteLength;
  if (first.status === 404) return { note: 'not available (404)' };
  if (first.status !== 200) return { note: `not available (${first.status})` };
  if (!route.conditional) return { headers: route.headers ?? {}, note: sizeNote(first, bytes) };
  const etag = first.headers.get('etag');
  if (!etag) return { note: 'not available (no ETag)' };
  const headers = { ...route.headers, 'If-None-Match': etag };
  const again = await fetch(`${url}${route.path}`, { headers });
  await again.arrayBuffer();
  return { headers, ...(again.status === 304 ? {} : { note: `answers ${again.status}, not 304` }) };
}

/** Loads each route of `routes` in turn against `url`. */
export async function runRouteTable(
  url: string,
  routes: readonly Route[],
  load: Omit<LoadOptions, 'url' | 'headers'>,
): Promise<RouteRow[]> {
  const rows: RouteRow[] = [];
  for (const route of routes) {
    const { headers, note } = await probe(url, route);
    if (!headers) {
      rows.push({ name: route.name, ...(note ? { note } : {}) });
      continue;
    }
    const result = await loadRoute({ ...load, url: `${url}${route.path}`, headers });
    rows.push({ name: route.name, load: result, ...(note ? { note } : {}) });
  }
  return rows;
}
