import { BROWSER_HEADERS, type LoadOptions, loadRoute, type RouteLoad } from './load-route.js';
import type { Gallery } from './seed-gallery.js';
import type { BenchTokens } from './tokens.js';

/** Where a server answers, and its process (whose CPU time each run divides by its answers). */
export interface Endpoint {
  readonly url: string;
  readonly pid: number;
}

/** One row of the table: its figures, or why it has none. */
export interface RouteRow {
  readonly name: string;
  readonly load?: RouteLoad;
  /** Bare Hono loaded just before this route: what its `× bare` divides by. */
  readonly bare?: RouteLoad;
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

/**
 * Loads each route of `routes` in turn against `url`, each right after the same load on bare Hono
 * at `bare.url`. This machine's neighbours come and go: a baseline measured once per section drifted
 * 23k–46k req/s between runs minutes apart, and the ratios with it. A pair a few seconds apart
 * sees the same machine, so each route's ratio is against its own baseline.
 */
export async function runRouteTable(
  server: Endpoint,
  routes: readonly Route[],
  load: Omit<LoadOptions, 'url' | 'headers' | 'serverPid'>,
  bare: Endpoint,
): Promise<RouteRow[]> {
  const { url } = server;
  const rows: RouteRow[] = [];
  for (const route of routes) {
    const { headers, note } = await probe(url, route);
    if (!headers) {
      rows.push({ name: route.name, ...(note ? { note } : {}) });
      continue;
    }
    const baseline = await loadRoute({ ...load, url: bare.url, serverPid: bare.pid });
    const result = await loadRoute({ ...load, url: `${url}${route.path}`, headers, serverPid: server.pid });
    rows.push({ name: route.name, load: result, bare: baseline, ...(note ? { note } : {}) });
  }
  return rows;
}
