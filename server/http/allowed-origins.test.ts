import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStudio, type TestStudio } from '../testing/test-studio.js';
import { allowedOrigins } from './allowed-origins.js';

const twitch = {
  clientId: undefined,
  clientSecret: undefined,
  tokenKey: undefined,
  extensionSecret: undefined,
};

describe('origins that may call the API', () => {
  it('are the server’s own, and the extension’s when one is configured', () => {
    expect(
      allowedOrigins({
        publicBaseUrl: 'https://studio.example.com/base',
        twitch: { ...twitch, extensionClientId: undefined },
      }),
    ).toEqual(['https://studio.example.com']);
    expect(
      allowedOrigins({
        publicBaseUrl: 'http://127.0.0.1:8787',
        twitch: { ...twitch, extensionClientId: 'AbC123' },
      }),
    ).toEqual(['http://127.0.0.1:8787', 'https://abc123.ext-twitch.tv']);
  });

  describe('answered by the API', () => {
    let studio: TestStudio;
    beforeAll(async () => {
      studio = await createTestStudio({ worker: false, env: { TWITCH_EXTENSION_CLIENT_ID: 'abc123' } });
    });
    afterAll(() => studio.close());

    const preflight = (origin: string) =>
      studio.app.request('/api/v1/jobs', {
        method: 'OPTIONS',
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'authorization, content-type, idempotency-key',
        },
      });

    it('lets the extension’s origin and the server’s own pages call it', async () => {
      for (const origin of [
        'https://abc123.ext-twitch.tv',
        new URL(studio.deps.config.publicBaseUrl).origin,
      ]) {
        const answer = await preflight(origin);
        expect(answer.headers.get('access-control-allow-origin'), origin).toBe(origin);
        expect(answer.headers.get('access-control-allow-headers')?.toLowerCase()).toContain(
          'idempotency-key',
        );
      }
      const get = await studio.call('/api/v1/jobs', {
        token: studio.token('cors'),
        headers: { Origin: 'https://abc123.ext-twitch.tv' },
      });
      expect(get.headers.get('access-control-allow-origin')).toBe('https://abc123.ext-twitch.tv');
    });

    it('gives any other origin no permission to read answers', async () => {
      for (const origin of ['https://evil.example', 'https://other.ext-twitch.tv', 'null']) {
        const answer = await preflight(origin);
        expect(answer.headers.get('access-control-allow-origin'), origin).toBeNull();
        const get = await studio.call('/api/v1/jobs', {
          token: studio.token('cors'),
          headers: { Origin: origin },
        });
        expect(get.headers.get('access-control-allow-origin'), origin).toBeNull();
      }
    });
  });
});
