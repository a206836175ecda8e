import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TWITCH_HELPER_URL } from '../../manifest/twitch-helper.js';
import { verifyExtensionJwt } from '../auth/extension-jwt.js';
import { errorHandler, notFound } from '../http/error-handler.js';
import { createLogger } from '../logging/logger.js';
import { createTestStudio } from '../testing/test-studio.js';
import { rigRoutes } from './rig-routes.js';

const secret = randomBytes(32).toString('base64');
let dist: string;

/** The rig over a made-up build, with the app's error handling. */
function rig() {
  const app = rigRoutes({ extensionSecret: secret, distDir: dist });
  app.onError(errorHandler(createLogger('silent')));
  app.notFound(notFound);
  return app;
}

beforeAll(async () => {
  dist = await mkdtemp(join(tmpdir(), 'rig-dist-'));
  await mkdir(join(dist, 'assets'));
  const page = `<html><head><script src="${TWITCH_HELPER_URL}"></script><script type="module" src="./assets/panel-1.js"></script></head></html>`;
  await writeFile(join(dist, 'panel.html'), page);
  await writeFile(join(dist, 'rig.html'), '<html><body>rig</body></html>');
  await writeFile(join(dist, 'twitch-ext.js'), 'window.Twitch = {};');
  await writeFile(join(dist, 'assets', 'panel-1.js'), 'export {};');
});
afterAll(() => rm(dist, { recursive: true, force: true }));

describe('the local rig', () => {
  it('hands each role a JWT for channel "local" signed with the local secret', async () => {
    for (const role of ['broadcaster', 'moderator', 'viewer'] as const) {
      const response = await rig().request(`/rig/token?role=${role}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const body = (await response.json()) as { token: string; channelId: string; expiresInSeconds: number };
      const claims = await verifyExtensionJwt(body.token, secret);
      expect(claims).toMatchObject({ channel_id: 'local', role });
      expect(claims.exp - Date.now() / 1000).toBeGreaterThan(body.expiresInSeconds - 5);
    }
    const refused = await rig().request('/rig/token?role=admin');
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: { code: 'INVALID_INPUT' } });
  });

  it('serves a view with Twitch’s helper swapped for the stand-in beside it, framable by its own origin only', async () => {
    const response = await rig().request('/rig/panel.html?role=viewer');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).not.toContain(TWITCH_HELPER_URL);
    expect(html).toContain('<script src="./twitch-ext.js"></script>');
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    const script = await rig().request('/rig/assets/panel-1.js');
    expect(script.headers.get('content-type')).toContain('text/javascript');
    expect(script.headers.get('cache-control')).toContain('immutable');
  });

  it('serves the rig page itself at /rig/, unframable', async () => {
    expect((await rig().request('/rig')).headers.get('location')).toBe('/rig/');
    const page = await rig().request('/rig/');
    expect(await page.text()).toContain('rig');
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('serves nothing outside the build', async () => {
    for (const path of [
      '/rig/..%2Fpackage.json',
      '/rig/assets/../../x.js',
      '/rig/.build-stamp.json',
      '/rig/x.json',
    ]) {
      const response = await rig().request(path);
      expect(response.status, path).toBe(404);
    }
  });

  it('is not there at all when the server has a real Twitch extension secret', async () => {
    const studio = await createTestStudio({
      worker: false,
      env: { TWITCH_EXTENSION_SECRET: randomBytes(32).toString('base64'), TWITCH_EXTENSION_CLIENT_ID: 'abc' },
    });
    try {
      expect(studio.deps.config.localMode).toBe(false);
      for (const path of ['/rig/', '/rig/token?role=broadcaster', '/rig/panel.html'])
        expect((await studio.app.request(path)).status, path).toBe(404);
    } finally {
      await studio.close();
    }
  });
});
