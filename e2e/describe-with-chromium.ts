import { describe, it } from 'vitest';
import { CHROMIUM_PATH, chromiumInstalled } from './launch-chromium.js';

/**
 * Runs `body` when Chromium is installed. Without it the suite fails under `CI=true` (CI must
 * run it) and is skipped elsewhere with a `skipped:` line that says how to get it.
 */
export function describeWithChromium(name: string, body: () => void): void {
  if (chromiumInstalled()) {
    describe(name, body);
    return;
  }
  const why = `Chromium not found at ${CHROMIUM_PATH}; apt-get install chromium (or set CHROMIUM_PATH)`;
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('has a Chromium to drive', () => {
        throw new Error(`CI must run the end-to-end suite, but ${why}`);
      });
    });
    return;
  }
  console.warn(`skipped: ${name}: ${why}`);
  describe.skip(`${name} (skipped: ${why})`, body);
}
