import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const SERVER = 'dist/server/main.js';

/**
 * The arguments `npm start` gives node for the compiled server (its V8 flags, then
 * `dist/server/main.js`), read from the start script in `dir`'s package.json. The bench and the
 * e2e suites start the server with these, so they measure and drive what a streamer runs, and the
 * flags have one home. A checkout whose start script does not end in `node … dist/server/main.js`
 * (an older one) gets the plain `[dist/server/main.js]`.
 */
export function startArguments(dir: string): string[] {
  const { scripts } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    scripts?: { start?: string };
  };
  const words = (scripts?.start?.split('&&').at(-1) ?? '').trim().split(/\s+/);
  if (words[0] !== 'node' || words.at(-1) !== SERVER) return [SERVER];
  return words.slice(1);
}
