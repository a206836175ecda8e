import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStudio, type TestStudio } from '../testing/test-studio.js';
import { PRIVATE_NOT_STORED, privateAnswers } from './private-answers.js';

describe('privateAnswers', () => {
  const app = new Hono();
  app.onError((error, c) =>
    c.json({ error: error.message }, error instanceof HTTPException ? error.status : 500),
  );
  app.use(privateAnswers());
  app.get('/said-nothing', (c) => c.json({ ok: true }));
  app.get('/public', (c) => c.json({ ok: true }, 200, { 'Cache-Control': 'public, max-age=60' }));
  app.get('/no-cache', (c) => c.json({ ok: true }, 200, { 'Cache-Control': 'no-cache' }));
  app.get('/browser-only', (c) =>
    c.json({ ok: true }, 200, { 'Cache-Control': 'private, max-age=30', Vary: 'Origin' }),
  );
  app.get('/browser-only-then-fails', (c) => {
    c.header('Cache-Control', 'private, max-age=30');
    throw new HTTPException(403, { message: 'no' });
  });

  it.each(['/said-nothing', '/public', '/no-cache'])('answers %s with private, no-store', async (path) => {
    const response = await app.request(path);
    expect(response.headers.get('cache-control')).toBe(PRIVATE_NOT_STORED);
    expect(response.headers.get('vary')).toBeNull();
  });

  it('lets a route have its caller’s browser keep an answer, varying by Authorization', async () => {
    const response = await app.request('/browser-only');
    expect(response.headers.get('cache-control')).toBe('private, max-age=30');
    expect(response.headers.get('vary')).toBe('Origin, Authorization');
  });

  it('never lets an error be kept', async () => {
    const response = await app.request('/browser-only-then-fails');
    expect(response.status).toBe(403);
    expect(response.headers.get('cache-control')).toBe(PRIVATE_NOT_STORED);
    expect(response.headers.get('vary')).toBeNull();
  });
});

describe('the app’s /api/v1 answers', () => {
  let studio: TestStudio;
  beforeAll(async () => {
    studio = await createTestStudio({ worker: false });
  });
  afterAll(() => studio.close());

  const expectPrivate = (response: Response, where: string) => {
    expect(response.headers.get('cache-control'), where).toBe('private, no-store');
    expect(response.headers.get('x-content-type-options'), where).toBe('nosniff');
    expect(response.headers.get('referrer-policy'), where).toBe('no-referrer');
    expect(response.headers.get('content-security-policy'), where).toBeNull();
  };

  it('answers a 200 and a 202 with private, no-store', async () => {
    const token = studio.token('headers-api');
    const list = await studio.call('/api/v1/assets', { token });
    expect(list.status).toBe(200);
    expectPrivate(list, 'GET /assets');
    const queued = await studio.call('/api/v1/generate', {
      token,
      body: { assetType: 'emote', prompt: 'a cat' },
    });
    expect(queued.status).toBe(202);
    expectPrivate(queued, 'POST /generate');
  });

  it('answers errors (400, 401, 403, 404, 415) with private, no-store', async () => {
    const token = studio.token('headers-api');
    const answers: [string, Response, number][] = [
      ['bad cursor', await studio.call('/api/v1/assets?cursor=zzz', { token }), 400],
      ['no token', await studio.app.request('/api/v1/assets'), 401],
      [
        'viewer asks for private',
        await studio.call('/api/v1/assets?visibility=private', {
          token: studio.token('headers-api', 'viewer'),
        }),
        403,
      ],
      ['unknown route', await studio.call('/api/v1/nope', { token }), 404],
      [
        'not JSON',
        await studio.call('/api/v1/generate', {
          token,
          body: 'x',
          headers: { 'Content-Type': 'text/plain' },
        }),
        415,
      ],
    ];
    for (const [where, response, status] of answers) {
      expect(response.status, where).toBe(status);
      expect(response.headers.get('content-type'), where).toMatch(/^application\/json/);
      expectPrivate(response, where);
    }
  });

  it('answers the event stream and a CORS preflight with private, no-store', async () => {
    const stream = await studio.call('/api/v1/events', { token: studio.token('headers-api') });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expectPrivate(stream, 'GET /events');
    await stream.body?.cancel();
    const preflight = await studio.app.request('/api/v1/assets', {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://abc.ext-twitch.tv',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'authorization',
      },
    });
    expect(preflight.status).toBe(204);
    expectPrivate(preflight, 'OPTIONS /assets');
  });
});
