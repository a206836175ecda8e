import { expect } from 'vitest';

/** The API's error body, as DESIGN.md fixes it. */
export interface ApiError {
  readonly code: string;
  readonly message: string;
  readonly details?: unknown;
}

// A V8 stack frame (`    at fn (file.ts:1:2)`), raw or JSON-escaped, or any `file.ts:line:col` location.
const STACK_TRACE = /(\n|\\n)\s*at \S|\.(ts|js|mjs|cjs):\d+:\d+/;

/**
 * Asserts that `response` is the API's JSON error with `status` and `code`, and that it carries
 * no stack trace; returns the error object for further checks.
 */
export async function expectApiError(response: Response, status: number, code: string): Promise<ApiError> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  expect(text).not.toMatch(STACK_TRACE);
  const body = JSON.parse(text) as { error: ApiError };
  expect(Object.keys(body)).toEqual(['error']);
  expect(Object.keys(body.error).every((key) => ['code', 'message', 'details'].includes(key))).toBe(true);
  expect(body.error.code).toBe(code);
  expect(body.error.message).toEqual(expect.any(String));
  expect(body.error.message.length).toBeGreaterThan(0);
  return body.error;
}
