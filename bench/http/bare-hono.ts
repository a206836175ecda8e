import { join } from 'node:path';
import { type Child, freePort, startChild } from './child-process.js';

/** Starts ./bare-hono-app.ts in a child process; its job-shaped route is `/jobs/:id`. */
export async function startBareHono(): Promise<Child> {
  const port = await freePort();
  return startChild({
    args: ['--import', 'tsx', join(import.meta.dirname, 'bare-hono-app.ts')],
    cwd: join(import.meta.dirname, '..', '..'),
    env: { ...process.env, PORT: String(port) },
    port,
    healthPath: '/healthz',
  });
}
