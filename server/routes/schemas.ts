import { z } from '@hono/zod-openapi';
import type { Page } from '../db/cursor.js';
import type { CursorCodec } from '../http/cursor-codec.js';
import { JobViewSchema } from '../jobs/job-view.js';
import { MAX_USER_TEXT } from '../prompts/index.js';
import { MAX_REFERENCES_PER_REQUEST } from '../references/index.js';
import { ERROR_CODE_NAMES } from '../vocabulary/index.js';

/** The API's error body, for the OpenAPI document. */
export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODE_NAMES).openapi({
        example: 'INVALID_INPUT',
        description: 'Stable and machine-readable: branch on this, not on the message.',
      }),
      message: z.string().openapi({
        example: 'invalid json field "prompt": Too small: expected string to have >=1 characters',
        description: 'For people: says what was wrong, and may change between versions.',
      }),
      details: z
        .unknown()
        .optional()
        .openapi({
          example: [{ path: 'prompt', message: 'Too small: expected string to have >=1 characters' }],
          description: 'More about the error when there is more to say, such as the fields that failed.',
        }),
    }),
  })
  .openapi('Error');

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: ErrorSchema } },
});

// Not `as const`: a readonly response map drops out of the route types, and the typed client
// would then believe every call succeeds.
/** The error responses every authenticated route can give. */
export const ERRORS = {
  400: errorResponse('Invalid input'),
  401: errorResponse('Missing or invalid credentials'),
  403: errorResponse('The caller’s role may not do this'),
  404: errorResponse('Not found (or another channel’s)'),
  429: errorResponse('Too many requests: wait for `Retry-After` seconds'),
};

export const IdParams = z.object({
  id: z.uuid({ message: 'must be an id returned by the API' }).openapi({
    example: '0f8fad5b-d9cb-469f-a165-70867728950e',
    description: 'An id the API returned.',
  }),
});

export const PageQuery = {
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(20)
    .openapi({ example: 20, description: 'How many items to return at most.' }),
  cursor: z
    .string()
    .max(200)
    .optional()
    .openapi({ description: 'The `nextCursor` of the previous page; omit it for the first page.' }),
};

/** The JSON of a page: its items as the API shows them, and the signed cursor of the next one. */
export async function pageJson<T, V>(
  page: Page<T>,
  view: (item: T) => V | Promise<V>,
  cursors: CursorCodec,
): Promise<{ items: V[]; nextCursor: string | null }> {
  return {
    items: await Promise.all(page.items.map(view)),
    nextCursor: page.next ? cursors.encode(page.next) : null,
  };
}

/** The position a `cursor` query names, if one was sent (a 400 for one this server did not hand out). */
export const positionOf = (cursors: CursorCodec, cursor: string | undefined) =>
  cursor === undefined ? undefined : cursors.decode(cursor);

/** A page of results: pass `nextCursor` back as `cursor` for the next one. */
export const page = <T extends z.ZodType>(item: T, name: string) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() }).openapi(name);

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

export const security = [{ bearer: [] }];

/** The header every route that queues a job honours: a repeat with the same key returns the first job. */
export const IdempotencyHeaders = z.object({ 'idempotency-key': z.string().min(1).max(200).optional() });

/** What a route that queues a job answers: the new job (202), or the one a repeated key made (200). */
export const QUEUED_RESPONSES = {
  200: json(JobViewSchema, 'A job made earlier with the same Idempotency-Key'),
  202: json(JobViewSchema, 'The job, queued'),
};

/**
 * Text a streamer writes for the model (a prompt, a refinement's instruction). Bounded here on the
 * raw text; the sanitizer then holds what is left to `MAX_USER_TEXT` characters.
 */
export const userText = (example: string, what: string) =>
  z
    .string()
    .min(1)
    .max(MAX_USER_TEXT * 4)
    .openapi({
      example,
      description: `${what}: at most ${MAX_USER_TEXT} characters once control characters and template syntax are removed.`,
    });

/** Reference images a request names to send beside its brand kit's own: the subject's likeness. */
export const ReferenceImageIds = z
  .array(z.uuid({ message: 'must be an id returned by the API' }))
  .max(MAX_REFERENCES_PER_REQUEST)
  .refine((ids) => new Set(ids).size === ids.length, { message: 'names an image twice' })
  .openapi({
    example: ['6f1c2a8e-3d4b-4e5f-9a0b-1c2d3e4f5a6b'],
    description: `Reference images of this channel (POST /reference-images), at most ${MAX_REFERENCES_PER_REQUEST}, each once: pictures of the subject whose likeness the model keeps, sent beside the brand kit's own.`,
  });
