import { z } from '@hono/zod-openapi';

/** The API's error body, for the OpenAPI document. */
export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'INVALID_INPUT' }),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .openapi('Error');

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: ErrorSchema } },
});

/** The error responses every authenticated route can give. */
export const ERRORS = {
  400: errorResponse('Invalid input'),
  401: errorResponse('Missing or invalid credentials'),
  403: errorResponse('The caller’s role may not do this'),
  404: errorResponse('Not found (or another channel’s)'),
} as const;

export const IdParams = z.object({ id: z.uuid({ message: 'must be an id returned by the API' }) });

export const PageQuery = {
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
};

/** A page of results: pass `nextCursor` back as `cursor` for the next one. */
export const page = <T extends z.ZodType>(item: T, name: string) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() }).openapi(name);

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

export const security = [{ bearer: [] }];
