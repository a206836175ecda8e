import { defineConfig } from 'vitest/config';

/** One config for the front-end builds (panel, overlay) and the test runner. */
export default defineConfig({
  test: {
    include: [
      'server/**/*.test.ts',
      'client/**/*.test.ts',
      'extension/**/*.test.{ts,tsx}',
      'overlay/**/*.test.{ts,tsx}',
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
