/**
 * Calls `check` until it returns without throwing, and gives back its value; after `timeoutMs` of
 * real time, its last error. Unlike `vi.waitFor`, which advances fake timers by its interval at
 * every try, it never moves a faked clock: a test that fakes `Date` alone decides when time passes.
 */
export async function eventually<T>(
  check: () => T | Promise<T>,
  { timeoutMs = 15_000, intervalMs = 20 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  // `performance` is not among the clocks these tests fake (they fake `Date` only).
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (performance.now() >= deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
