import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startArguments } from '../../tools/start-arguments.js';

/** How a server child is started: the program, its arguments, and the words the bench prints. */
export interface ServerCommand {
  readonly args: readonly string[];
  readonly cwd: string;
  readonly describe: string;
}

/**
 * Starts Streamer Studio from `dir` the way `npm start` does: the compiled server when
 * `npm run build` made one, else the TypeScript through tsx. `forceTsx` is for older checkouts
 * (BENCH_BEFORE_DIR), whose dist/ may be stale or absent.
 */
export function serverCommand(dir: string, { forceTsx = false } = {}): ServerCommand {
  const args = startArguments(dir);
  const flags = args.slice(0, -1);
  if (!forceTsx && existsSync(join(dir, 'dist', 'server', 'main.js')))
    return { args, cwd: dir, describe: `node ${args.join(' ')}` };
  const source = ['--import', 'tsx', 'server/main.ts'];
  return { args: [...flags, ...source], cwd: dir, describe: `node ${[...flags, ...source].join(' ')}` };
}
