import type { z } from 'zod';
import { InvalidInputError } from '../errors/index.js';

type Issue = z.core.$ZodIssue;

/** Zod issues as the API reports them: where, and what was wrong. */
export function describeIssues(issues: readonly Issue[]) {
  return issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

/**
 * The hook every OpenAPI route validates through: a failed parse becomes one `INVALID_INPUT`
 * error whose message names the first bad field, with all of them in `details`.
 */
export function validationHook(result: {
  success: boolean;
  error?: { issues: readonly Issue[] };
  target: string;
}) {
  if (result.success || !result.error) return;
  const details = describeIssues(result.error.issues);
  const first = details[0];
  const where = first?.path ? `${result.target} field "${first.path}"` : result.target;
  throw new InvalidInputError(`invalid ${where}: ${first?.message ?? 'malformed'}`, details);
}
