/**
 * Fields through which query errors carry bound values (token hashes, prompts): drizzle's
 * `DrizzleQueryError` (`query`, `params`), postgres.js in debug mode (`query`, `parameters`) and the
 * Postgres `detail` line, which repeats the values of a violated key.
 */
const QUERY_VALUE_FIELDS = new Set(['params', 'parameters', 'query', 'detail']);

/** Causes followed before the chain is cut; real chains are two or three long. */
const MAX_DEPTH = 8;

/** The error as a log line shows it: no bound values, every cause as a nested error. */
export interface SerializedError {
  readonly type: string;
  readonly message: string;
  readonly stack?: string;
  readonly cause?: unknown;
  readonly [field: string]: unknown;
}

type ErrorLike = Error & Record<string, unknown>;

const isErrorLike = (value: unknown): value is ErrorLike =>
  typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string';

const isQueryError = (error: ErrorLike) => 'params' in error || 'parameters' in error;

/**
 * An error's message without bound values: drizzle writes them into its message too
 * (`Failed query: <sql>\nparams: <values>`), so the SQL text stays and the values go.
 */
export function safeErrorMessage(error: Error): string {
  const { message } = error;
  if (!isQueryError(error as ErrorLike)) return message;
  const at = message.indexOf('\nparams:');
  return at === -1 ? message : message.slice(0, at);
}

function serialize(error: ErrorLike, seen: Set<unknown>, depth: number): SerializedError {
  seen.add(error);
  const message = safeErrorMessage(error);
  const out: Record<string, unknown> = {
    type: error.constructor?.name && error.constructor !== Object ? error.constructor.name : error.name,
    message,
  };
  if (typeof error.stack === 'string') {
    out.stack = message === error.message ? error.stack : error.stack.replace(error.message, () => message);
  }
  if (Array.isArray(error.errors)) out.errors = error.errors.map((item) => nested(item, seen, depth));
  for (const key in error) {
    if (key in out || key === 'cause' || QUERY_VALUE_FIELDS.has(key)) continue;
    const value = error[key];
    if (value !== undefined && typeof value !== 'function') out[key] = nested(value, seen, depth);
  }
  if (error.cause !== undefined) out.cause = nested(error.cause, seen, depth);
  return out as SerializedError;
}

function nested(value: unknown, seen: Set<unknown>, depth: number): unknown {
  if (!isErrorLike(value)) return value;
  if (seen.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[cause chain cut]';
  return serialize(value, seen, depth + 1);
}

/**
 * pino's `err` serializer: type, message, stack and own fields, each `cause` (and each of an
 * `AggregateError`'s errors) serialised the same way, never a query's bound values.
 */
export function serializeError(error: unknown): unknown {
  return isErrorLike(error) ? serialize(error, new Set(), 0) : error;
}
