import { configDefaults, defineConfig } from 'vitest/config';

/**
 * The test runner's config. The front ends are built by `tools/build-fronts.ts` (npm run build),
 * with the same Preact JSX settings as here.
 */
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    // Two files at a time on two cores (Vitest's default is one fewer than the cores): most files
    // wait on a database, a child process, Chromium or OBS, and one at a time left a core idle
    // (the whole suite took 632 s on one worker, 516 s on two, on this machine).
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: [
            'server/**/*.test.ts',
            'client/**/*.test.ts',
            'manifest/**/*.test.ts',
            'tools/**/*.test.ts',
          ],
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          include: ['extension/**/*.test.{ts,tsx}', 'overlay/**/*.test.{ts,tsx}'],
          exclude: [...configDefaults.exclude, 'overlay/**/*.obs.test.ts'],
          environment: 'happy-dom',
        },
      },
      {
        extends: true,
        test: {
          // Real headless Chromium against a real `npm start` server: slow steps, generous limits.
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 240_000,
        },
      },
      {
        extends: true,
        test: {
          // The scene sync against a real headless OBS (../shared/obs/start-obs.sh), in Node.
          name: 'obs',
          include: ['overlay/**/*.obs.test.ts'],
          environment: 'node',
        },
      },
    ],
  },
});
