import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorHandler, notFound } from '../http/error-handler.js';
import { createLogger } from '../logging/logger.js';
import { overlayRoutes } from './overlay-routes.js';

let dist: string;

function overlay() {
  const app = overlayRoutes({ distDir: dist });
  app.onError(errorHandler(createLogger('silent')));
  app.notFound(notFound);
  return app;
}

beforeAll(async () => {
  dist = await mkdtemp(join(tmpdir(), 'overlay-dist-'));
  await mkdir(join(dist, 'assets'));
  await writeFile(join(dist, 'index.html'), '<html>overlay</html>');
  await writeFile(join(dist, 'setup.html'), '<html>setup</html>');
  await writeFile(join(dist, 'assets', 'index-1.js'), 'export {};');
});
afterAll(() => rm(dist, { recursive: true, force: true }));

describe('the overlay pages', () => {
  it('serves the browser source, framable by its own origin (the setup preview), allowed to reach obs-websocket', async () => {
    const response = await overlay().request('/overlay?token=sst_x&scene=Main');
    expect(await response.text()).toBe('<html>overlay</html>');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).toMatch(/connect-src 'self' ws: wss:/);
    expect(csp).toContain("script-src 'self'");
  });

  it('serves the setup page, which nothing may frame', async () => {
    const response = await overlay().request('/overlay/setup');
    expect(await response.text()).toBe('<html>setup</html>');
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('serves built files for good and nothing outside the build', async () => {
    const script = await overlay().request('/overlay/assets/index-1.js');
    expect(script.headers.get('cache-control')).toContain('immutable');
    for (const path of [
      '/overlay/assets/..%2F..%2Fpackage.json',
      '/overlay/assets/missing.js',
      '/overlay/assets/x.json',
    ])
      expect((await overlay().request(path)).status, path).toBe(404);
  });
});
