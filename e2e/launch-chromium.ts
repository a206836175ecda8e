import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** The Chromium the e2e suite drives: Debian's package, or `CHROMIUM_PATH`. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** True when there is a Chromium binary to launch. */
export const chromiumInstalled = (): boolean => existsSync(CHROMIUM_PATH);

// The test machine's network is closed: without these Chromium keeps reaching for Google
// (updates, sync, field trials) and its refused connections slow every page down.
const QUIET_ARGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Launches headless Chromium; `--no-sandbox` because CI runs as root in a container. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', ...QUIET_ARGS],
  });
}
