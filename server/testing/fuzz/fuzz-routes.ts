import fc from 'fast-check';
import type { FuzzBody, FuzzRequest } from './fuzz-request.js';
import type { FuzzCaller, FuzzWorld } from './fuzz-world.js';
import { hostileJson } from './hostile-values.js';
import { bodyOf, contentTypeOf, headerText, methodOf } from './request-parts.js';

/** One route as the fuzz sees it: its methods, a path (query included) and what it is sent. */
export interface RouteShape {
  readonly methods: readonly string[];
  readonly path: fc.Arbitrary<string>;
  readonly body?: fc.Arbitrary<FuzzBody>;
  /** The content types the route takes (JSON unless it says otherwise). */
  readonly contentTypes?: readonly string[];
  /** Headers the route reads, such as `Idempotency-Key`. */
  readonly headers?: fc.Arbitrary<Record<string, string>>;
}

/** Authorization headers no caller of the world holds: malformed, the wrong scheme, `alg: none`, noise. */
const garbageAuthorization = fc.oneof(
  fc.constantFrom(
    'Bearer',
    'Bearer ',
    'bearer  x',
    'Bearer sst_',
    'Bearer a.b.c',
    'Basic dXNlcjpwYXNz',
    'Bearer eyJhbGciOiJub25lIn0.eyJjaGFubmVsX2lkIjoiODgwMDAxIn0.',
  ),
  headerText.map((text) => `Bearer ${text}`),
  headerText.map((text) => `Bearer sst_${text}`),
  headerText,
);

/** The world's callers by weight, and sometimes a header nobody was given. */
export const callerOf = (world: FuzzWorld): fc.Arbitrary<FuzzCaller> =>
  fc.oneof(...world.callers.map((caller) => ({ weight: caller.weight, arbitrary: fc.constant(caller) })), {
    weight: 1,
    arbitrary: garbageAuthorization.map((authorization) => ({ name: 'garbage', weight: 0, authorization })),
  });

/** Headers nobody asked for: caching, forwarding, encodings, method overrides, and random names. */
const strangerHeaders = fc.dictionary(
  fc.oneof(
    fc.constantFrom(
      'accept',
      'origin',
      'x-forwarded-for',
      'content-length',
      'content-encoding',
      'if-none-match',
      'range',
      'cookie',
      'x-http-method-override',
      'idempotency-key',
      'last-event-id',
    ),
    fc.stringMatching(/^x-[a-z0-9-]{1,12}$/),
  ),
  headerText,
  { maxKeys: 2 },
);

/** A body for a route that takes none: usually absent, sometimes anything. */
const strayBody = fc.oneof(
  { weight: 9, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: bodyOf(hostileJson) },
);

/** Requests to one route, from the world's callers, with the route's own inputs and hostile ones. */
export function requestsTo(world: FuzzWorld, shape: RouteShape): fc.Arbitrary<FuzzRequest> {
  return fc
    .record({
      method: methodOf(...shape.methods),
      path: shape.path,
      caller: callerOf(world),
      contentType: contentTypeOf(...(shape.contentTypes ?? ['application/json'])),
      headers: shape.headers ?? fc.constant({}),
      strangers: fc.oneof(
        { weight: 6, arbitrary: fc.constant({}) },
        { weight: 1, arbitrary: strangerHeaders },
      ),
      body: shape.body ?? strayBody,
    })
    .map(({ method, path, caller, contentType, headers, strangers, body }) => ({
      method,
      path,
      caller: caller.name,
      headers: {
        ...strangers,
        ...headers,
        ...(contentType === undefined || body === undefined ? {} : { 'content-type': contentType }),
        ...(caller.authorization === undefined ? {} : { authorization: caller.authorization }),
      },
      ...(body === undefined ? {} : { body }),
    }));
}

/** Requests to any of `shapes`, equally often. */
export const requestsToAny = (world: FuzzWorld, ...shapes: RouteShape[]): fc.Arbitrary<FuzzRequest> =>
  fc.oneof(...shapes.map((shape) => requestsTo(world, shape)));
