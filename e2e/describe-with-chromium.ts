import { describe, it } from 'vitest';
import { CHROMIUM_PATH, chromiumInstalled } from './launch-chromium.js';

/**
 * Runs `body` when nothing it needs is missing (`missing` is undefined). Otherwise the suite
 * fails under `CI=true` (CI must run it) and is skipped elsewhere with a `skipped:` line that
 * says what is missing and how to get it.
 */
export function describeUnlessMissing(name: string, missing: string | undefined, body: () => void): void {
  if (missing === undefined) {
    describe(name, body);
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('has what the suite needs', () => {
        throw new Error(`CI must run the end-to-end suite, but ${missing}`);
      });
    });
    return;
  }
  console.warn(`skipped: ${name}: ${missing}`);
  describe.skip(`${name} (skipped: ${missing})`, body);
}

/** Why Chromium cannot be launched, or undefined when it can. */
export const chromiumMissing = (): string | undefined =>
  chromiumInstalled()
    ? undefined
    : `Chromium not found at ${CHROMIUM_PATH}; apt-get install chromium (or set CHROMIUM_PATH)`;

/** Runs `body` when Chromium is installed (see `describeUnlessMissing`). */
export function describeWithChromium(name: string, body: () => void): void {
  describeUnlessMissing(name, chromiumMissing(), body);
}
