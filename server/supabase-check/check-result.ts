/** One thing `npm run supabase:check` looked at, and what it found. */
export interface CheckResult {
  /** What was checked, e.g. `DATABASE_URL connects`. */
  readonly checked: string;
  readonly ok: boolean;
  /** What was found, in the words of the Supabase dashboard. */
  readonly found: string;
  /** What to do about it, for a failed check. */
  readonly fix?: string;
}

export const passed = (checked: string, found: string): CheckResult => ({ checked, ok: true, found });

export const failed = (checked: string, found: string, fix?: string): CheckResult => ({
  checked,
  ok: false,
  found,
  ...(fix ? { fix } : {}),
});

/** The check as the terminal shows it: one line, and the fix indented under a failure. */
export function formatCheck(result: CheckResult): string {
  const line = `${result.ok ? '✓' : '✗'} ${result.checked}: ${result.found}`;
  return result.fix ? `${line}\n    fix: ${result.fix}` : line;
}
