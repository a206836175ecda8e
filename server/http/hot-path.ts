import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AppDeps } from '../app-deps.js';
import type { Caller } from '../auth/caller.js';
import { toCaller } from '../auth/extension-jwt.js';
import { jobJson } from '../jobs/job-view.js';
import { fileParts, publicFileKey } from '../routes/public-asset-routes.js';
import { galleryKey } from '../routes/public-galleries.js';
import { PUBLIC_JSON_CACHE_CONTROL } from '../routes/public-gallery-routes.js';
import { type AnswerParts, renderedParts } from '../routes/rendered-response.js';
import { PageQuery } from '../routes/schemas.js';
import { peekJob, seesPublicOnly } from '../use-cases/index.js';
import { allowedOrigins } from './allowed-origins.js';
import { bearer } from './authenticate.js';
import { corsAnswerHeaders } from './cors-headers.js';
import { PRIVATE_NOT_STORED } from './private-answers.js';
import { type ReadyAnswer, ReadyAnswers } from './ready-answers.js';
import { countRequest } from './request-limit.js';
import { logRequest } from './request-log.js';

/** Answers a request from memory and says so, or says it did not and leaves the request untouched. */
export type HotPath = (request: IncomingMessage, response: ServerResponse) => boolean;

const JOB = /^\/api\/v1\/jobs\/([^/?]+)$/;
const VIEWER_GALLERY = '/api/v1/assets';
const GALLERY = /^\/public\/v1\/channels\/([^/?]+)\/assets$/;
const FILE = /^\/asset\/([^/?]+)$/;

/** The page size of a gallery request that names none, as the route's query schema fills it in. */
const DEFAULT_LIMIT = PageQuery.limit.parse(undefined);

const hasBody = (headers: IncomingHttpHeaders) =>
  headers['transfer-encoding'] !== undefined ||
  (headers['content-length'] !== undefined && headers['content-length'] !== '0');

/**
 * The reads a raid and a polling panel make, answered before the app sees them when memory holds
 * the answer: a job's status for a token verified before, a channel's first gallery page (public,
 * or a viewer's through the API), a public file. Each is a plain GET with no query and no body, and answers exactly what the app would (the
 * same use case, cache keys, header rules and bytes; a test compares the two, header for header).
 * Anything else — a miss, an error, a token not yet verified, a caller over the request limit —
 * goes to the app untouched, which loads the caches and gives every refusal, so a 4xx still has
 * one source. Skipping Hono's request, context, middleware and response objects is most of what
 * a status poll cost (see `npm run bench:http`).
 */
export function hotPath(deps: AppDeps): HotPath {
  const apiOrigins = new Set(allowedOrigins(deps.config));
  const ready = new ReadyAnswers();

  /** The caller of a token verified before; undefined for anything else (the app decides those). */
  const callerOf = (headers: IncomingHttpHeaders): Caller | undefined => {
    const token = bearer(headers.authorization);
    const claims = token ? deps.jwts.peek(token) : undefined;
    return claims && toCaller(claims);
  };

  /** Counts the request as the app would; false for a caller over the limit, whom the app refuses. */
  const counted = (caller: Caller) => {
    try {
      countRequest(deps.requestLimiter, caller);
      return true;
    } catch {
      return false;
    }
  };

  /** An authenticated answer's parts with what `privateAnswers` and the API's CORS add around them. */
  const privately = (parts: AnswerParts, origin: string | undefined): AnswerParts => {
    const { Vary: vary, ...cors } = corsAnswerHeaders(apiOrigins, origin);
    const { Vary: own, ...headers } = parts.headers;
    return {
      ...parts,
      headers: withLength(parts, {
        ...headers,
        'Cache-Control': PRIVATE_NOT_STORED,
        ...cors,
        ...(own || vary ? { Vary: [own, vary].filter(Boolean).join(', ') } : {}),
      }),
    };
  };

  const job = (id: string, headers: IncomingHttpHeaders): ReadyAnswer | undefined => {
    const caller = callerOf(headers);
    const found = caller && peekJob(deps, caller, id);
    if (!found || !counted(caller)) return undefined;
    return ready.get(found, variantOf(headers), () =>
      privately(
        { status: 200, body: jobJson(found), headers: { 'Content-Type': 'application/json' } },
        headers.origin,
      ),
    );
  };

  /** A viewer's gallery on the API: the public gallery's page, as the asset route sends it to them. */
  const viewerGallery = (headers: IncomingHttpHeaders): ReadyAnswer | undefined => {
    const caller = callerOf(headers);
    if (!caller || !seesOnlyPublic(caller)) return undefined;
    const rendered = deps.reads.galleries.peek(galleryKey(caller.channelId, { limit: DEFAULT_LIMIT }));
    if (!rendered || !counted(caller)) return undefined;
    return ready.get(rendered, `viewer\n${variantOf(headers)}`, () =>
      privately(renderedParts(rendered, requestOf(headers)), headers.origin),
    );
  };

  const gallery = (channelId: string, headers: IncomingHttpHeaders): ReadyAnswer | undefined => {
    const rendered = deps.reads.galleries.peek(galleryKey(channelId, { limit: DEFAULT_LIMIT }));
    if (!rendered) return undefined;
    return ready.get(rendered, `public\n${variantOf(headers)}`, () => {
      const parts = renderedParts(rendered, requestOf(headers), { cacheControl: PUBLIC_JSON_CACHE_CONTROL });
      return { ...parts, headers: withLength(parts, corsAnswerHeaders('*', headers.origin)) };
    });
  };

  const file = (id: string, headers: IncomingHttpHeaders): ReadyAnswer | undefined => {
    const held = deps.reads.publicFiles.peek(publicFileKey(id, undefined));
    if (held?.kind !== 'bytes') return undefined;
    return ready.get(held, variantOf(headers), () => fileParts(held, headers['if-none-match']));
  };

  const answer = (url: string, headers: IncomingHttpHeaders): ReadyAnswer | undefined => {
    if (url === VIEWER_GALLERY) return viewerGallery(headers);
    let match = JOB.exec(url);
    if (match) return job(match[1]!, headers);
    match = GALLERY.exec(url);
    if (match) return gallery(match[1]!, headers);
    match = FILE.exec(url);
    if (match) return file(match[1]!, headers);
    return undefined;
  };

  return (request, response) => {
    if (request.method !== 'GET' || hasBody(request.headers)) return false;
    const startedAt = performance.now();
    const url = request.url ?? '';
    const found = answer(url, request.headers);
    if (!found) return false;
    response.writeHead(found.status, found.headers as string[]);
    if (found.body === null) response.end();
    else response.end(found.body);
    logRequest(deps.logger, { method: 'GET', path: url, status: found.status, startedAt });
    return true;
  };
}

/**
 * The request headers an answer from memory depends on, besides what it is for: its encoding,
 * the version the caller holds, and the origin CORS answers. Raw, so no rule is decided twice.
 */
function variantOf(headers: IncomingHttpHeaders): string {
  return `${headers['accept-encoding']}\n${headers['if-none-match']}\n${headers.origin}`;
}

const requestOf = (headers: IncomingHttpHeaders) => ({
  acceptEncoding: headers['accept-encoding'],
  ifNoneMatch: headers['if-none-match'],
});

/** Whether the caller's gallery is the public one; a caller the rule refuses is the app's to refuse. */
function seesOnlyPublic(caller: Caller): boolean {
  try {
    return seesPublicOnly(caller);
  } catch {
    return false;
  }
}

/** A rendered answer's headers with what the app adds around them, and its length when it has a body. */
function withLength(parts: AnswerParts, extra: Record<string, string>): Record<string, string> {
  if (parts.body === null) return { ...parts.headers, ...extra };
  const length = typeof parts.body === 'string' ? Buffer.byteLength(parts.body) : parts.body.byteLength;
  return { ...parts.headers, ...extra, 'Content-Length': String(length) };
}
