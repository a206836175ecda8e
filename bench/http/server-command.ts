import { existsSync } from 'node:fs';
import { join } from 'node:path';

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
  const compiled = join(dir, 'dist', 'server', 'main.js');
  if (!forceTsx && existsSync(compiled))
    return { args: [compiled], cwd: dir, describe: 'node dist/server/main.js' };
  return {
    args: ['--import', 'tsx', join(dir, 'server', 'main.ts')],
    cwd: dir,
    describe: 'node --import tsx server/main.ts',
  };
}
