import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { freePort, type ObsProcess, obsMissing, startObs } from './obs-process.js';

/** This folder's OBS ports; the e2e suite keeps to 4471–4479. */
const PORTS = [4461, 4469] as const;

/** The real OBS a suite runs against, started before its tests and stopped after them. */
export interface ObsContext {
  readonly url: string;
  readonly password: string;
  /** Stops OBS, as a streamer quitting it would; `start()` brings it back on the same port and password. */
  stop(): Promise<void>;
  /** Starts OBS again, as a fresh process: no scenes or inputs but its default "Scene". */
  start(): Promise<void>;
  /** OBS's own log, for a failing test's report. */
  log(): Promise<string>;
}

/**
 * Runs `body` against a real headless OBS from `../shared/obs/start-obs.sh`. Where OBS cannot be
 * started, the suite fails under `CI=true` (CI must run it) and is skipped elsewhere with a
 * `skipped:` line saying why.
 */
export function describeWithObs(name: string, body: (obs: ObsContext) => void): void {
  const why = obsMissing();
  if (why === undefined) {
    describe(name, () => body(obsContext()));
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('has an OBS to test against', () => {
        throw new Error(`CI must run the OBS suite, but ${why}`);
      });
    });
    return;
  }
  console.warn(`skipped: ${name}: OBS not available: ${why}`);
  describe.skip(`${name} (skipped: OBS not available: ${why})`, () => body(obsContext()));
}

/** Registers the hooks that start and stop OBS, and answers for it once started. */
function obsContext(): ObsContext {
  const password = `obs-${randomBytes(9).toString('base64url')}`;
  let port: number | undefined;
  let running: ObsProcess | undefined;
  beforeAll(async () => {
    port = await freePort(...PORTS);
    running = await startObs(port, password);
  });
  afterAll(async () => {
    await running?.stop();
  });
  return {
    get url() {
      if (port === undefined) throw new Error('OBS has not been started yet');
      return `ws://127.0.0.1:${port}`;
    },
    password,
    async stop() {
      await running?.stop();
      running = undefined;
    },
    async start() {
      if (port === undefined) throw new Error('OBS has not been started yet');
      running = await startObs(port, password);
    },
    log: async () => (await running?.log()) ?? 'OBS is not running',
  };
}
