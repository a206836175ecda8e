import { type ApplyGlobalResponse, type ClientResponse, hc } from 'hono/client';
import type { ResponseFormat } from 'hono/types';
import type { SuccessStatusCode } from 'hono/utils/http-status';
import type { AppType } from '../server/app.js';
import type { ERROR_CODES } from '../server/vocabulary/index.js';
import { authorization, type FetchLike, type TokenGetter, toFetch } from './fetch-like.js';
import { type ApiErrorBody, StudioApiError, toStudioApiError } from './studio-api-error.js';

/** Every status the API's error codes answer with. */
type ApiErrorStatus = (typeof ERROR_CODES)[keyof typeof ERROR_CODES]['status'];

/**
 * The app's routes with the error body added to each for every error status: the error handler
 * can answer any route with one, and without this the types would say such calls always succeed.
 */
export type StudioAppType = ApplyGlobalResponse<AppType, { [S in ApiErrorStatus]: { json: ApiErrorBody } }>;

export interface StudioClientOptions {
  /** Where the server is, e.g. `https://studio.example.com` (the client adds `/api/v1/...`). */
  readonly baseUrl: string;
  /**
   * Asked before every request, so a token Twitch renews is used from the next call on. Without
   * one the client sends no credentials at all: it is for the public routes (`/public/v1/...`).
   */
  readonly getToken?: TokenGetter;
  /** Defaults to the global `fetch`, looked up when each request is made. */
  readonly fetch?: FetchLike;
}

/**
 * No `Authorization` and no cookies: a browser then sends a public read as a CORS simple request
 * (no preflight), and a CDN in front of the server may answer it from its cache.
 */
const NO_CREDENTIALS: RequestInit = { credentials: 'omit' };

/** The typed client for the whole API: `client.api.v1.jobs[':id'].$get({ param: { id } })`. */
export function createStudioClient(options: StudioClientOptions) {
  const { getToken } = options;
  return hc<StudioAppType>(options.baseUrl, {
    fetch: toFetch(options.fetch),
    ...(getToken ? { headers: () => authorization(getToken) } : { init: NO_CREDENTIALS }),
  });
}

export type StudioClient = ReturnType<typeof createStudioClient>;

/** The body of the 2xx answers a typed call can give: its JSON, or `undefined` for a body-less one. */
export type SuccessBody<R> =
  R extends ClientResponse<infer Body, infer Status, infer Format>
    ? Status extends SuccessStatusCode
      ? Format extends 'json'
        ? Body
        : undefined
      : never
    : never;

/**
 * The typed JSON of a 2xx answer; anything else throws a `StudioApiError` with the API's error
 * code, or `NETWORK_ERROR` / `UNEXPECTED_RESPONSE` when the API itself never answered.
 */
export async function unwrap<R extends ClientResponse<unknown, number, ResponseFormat>>(
  call: R | Promise<R>,
): Promise<SuccessBody<R>> {
  let response: R;
  try {
    response = await call;
  } catch (cause) {
    throw new StudioApiError({
      status: 0,
      code: 'NETWORK_ERROR',
      message: `the server could not be reached: ${cause instanceof Error ? cause.message : String(cause)}`,
      cause,
    });
  }
  if (!response.ok) throw await toStudioApiError(response);
  const text = await response.text();
  if (text === '') return undefined as SuccessBody<R>;
  try {
    return JSON.parse(text) as SuccessBody<R>;
  } catch (cause) {
    throw new StudioApiError({
      status: response.status,
      code: 'UNEXPECTED_RESPONSE',
      message: `the server answered ${response.status} with a body that is not JSON`,
      details: { contentType: response.headers.get('content-type'), body: text.slice(0, 200) },
      cause,
    });
  }
}
