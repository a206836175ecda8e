import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { signExtensionJwt } from '../auth/extension-jwt.js';
import { openTestDatabase } from '../db/test-database.js';
import { expectApiError } from '../testing/expect-api-error.js';
import { createTestStudio, type TestStudio } from '../testing/test-studio.js';

/** Every path of DESIGN.md's HTTP surface that the app serves, with its methods. */
const SURFACE: Record<string, string[]> = {
  '/api/v1/generate': ['post'],
  '/api/v1/jobs/{id}': ['get'],
  '/api/v1/jobs/{id}/assets': ['get'],
  '/api/v1/jobs': ['get'],
  '/api/v1/jobs/{id}/cancel': ['post'],
  '/api/v1/assets': ['get'],
  '/api/v1/assets/{id}': ['delete', 'get'],
  '/api/v1/assets/{id}/visibility': ['put'],
  '/api/v1/assets/{id}/refine': ['post'],
  '/api/v1/assets/{id}/versions': ['get'],
  '/api/v1/brand-kits': ['get', 'post'],
  '/api/v1/brand-kits/{id}': ['delete', 'get', 'put'],
  '/api/v1/brand-kits/{id}/logo': ['put'],
  '/api/v1/events': ['get'],
  '/api/v1/chat/settings': ['get', 'put'],
  '/api/v1/twitch/rewards': ['get', 'post'],
  '/api/v1/twitch/rewards/{id}': ['delete'],
  '/asset/{id}': ['get'],
  '/public/v1/channels/{channelId}/assets': ['get'],
  '/public/v1/assets/{id}': ['get'],
  '/healthz': ['get'],
};
const UNAUTHENTICATED = new Set([
  '/asset/{id}',
  '/public/v1/channels/{channelId}/assets',
  '/public/v1/assets/{id}',
  '/healthz',
]);
const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']);

type Json = Record<string, unknown>;
interface Operation {
  security?: Record<string, unknown[]>[];
  parameters?: { name: string; in: string; required?: boolean }[];
  responses?: Record<string, unknown>;
}

let studio: TestStudio;
beforeAll(async () => {
  // No worker, so queued jobs stay queued and the queue depth is exact.
  studio = await createTestStudio({ worker: false });
});
afterAll(() => studio.close());

describe('GET /healthz', () => {
  interface Health {
    status: string;
    database: { ok: boolean; dialect: string };
    queue: { queued: number; processing: number } | null;
    uptimeSeconds: number;
  }
  const health = async () => {
    const response = await studio.app.request('/healthz');
    expect(response.status).toBe(200);
    return (await response.json()) as Health;
  };

  it('answers 200 without credentials, with the database and queue depth', async () => {
    const body = await health();
    expect(body).toMatchObject({ status: 'ok', database: { ok: true, dialect: 'pglite' } });
    expect(Number.isInteger(body.queue?.queued)).toBe(true);
    expect(Number.isInteger(body.queue?.processing)).toBe(true);
    expect(body.uptimeSeconds).toBeGreaterThanOrEqual(0);
  });

  it('counts queued jobs', async () => {
    const before = (await health()).queue!;
    for (const prompt of ['a frog', 'a toad']) {
      const response = await studio.call('/api/v1/generate', {
        token: studio.token('health-queue'),
        body: { assetType: 'emote', prompt },
      });
      expect(response.status).toBe(202);
    }
    expect((await health()).queue).toEqual({ queued: before.queued + 2, processing: before.processing });
  });

  it('probes the database at most once a second while no job changes, and again once one does', async () => {
    const ping = vi.spyOn(studio.database, 'ping');
    // The clock stands still, so a slow machine cannot let the second pass between checks.
    vi.spyOn(Date, 'now').mockReturnValue(Date.now());
    try {
      await health();
      const after = ping.mock.calls.length;
      await Promise.all([health(), health(), health()]);
      expect(ping.mock.calls.length).toBe(after);
      await studio.call('/api/v1/generate', {
        token: studio.token('health-queue'),
        body: { assetType: 'emote', prompt: 'a newt' },
      });
      await health();
      expect(ping.mock.calls.length).toBe(after + 1);
    } finally {
      vi.restoreAllMocks();
    }
  });
});

describe('with the database closed', () => {
  let broken: TestStudio;
  beforeAll(async () => {
    const database = await openTestDatabase();
    broken = await createTestStudio({ database, worker: false });
    await database.close();
  });
  afterAll(() => broken.close());

  it('answers /healthz with 503 and a degraded status', async () => {
    const response = await broken.app.request('/healthz');
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      status: 'degraded',
      database: { ok: false },
      queue: null,
    });
  });

  it('answers an API call with a generic 500 that reveals nothing of the failure', async () => {
    const response = await broken.call('/api/v1/assets', { token: broken.token('health-broken') });
    const error = await expectApiError(response, 500, 'INTERNAL_ERROR');
    expect(error.details).toBeUndefined();
    expect(error.message).not.toMatch(/pglite|closed|select|sql/i);
  });
});

describe('GET /openapi.json', () => {
  let document: Json;
  beforeAll(async () => {
    const response = await studio.app.request('/openapi.json');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    document = (await response.json()) as Json;
  });
  const paths = () => document.paths as Record<string, Record<string, Operation>>;
  const operations = () =>
    Object.entries(paths()).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => METHODS.has(method))
        .map(([method, operation]) => ({ path, method, operation })),
    );

  it('is an OpenAPI 3.1 document with a title, a version and the server URL', () => {
    expect(document.openapi).toMatch(/^3\.1\.\d+$/);
    expect(document.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(document.servers).toEqual([{ url: studio.deps.config.publicBaseUrl }]);
  });

  it('lists every path of the HTTP surface with its methods', () => {
    for (const [path, methods] of Object.entries(SURFACE)) {
      expect(paths(), path).toHaveProperty([path]);
      const listed = Object.keys(paths()[path]!).filter((key) => METHODS.has(key));
      expect(listed.sort(), path).toEqual(methods);
    }
  });

  it('declares the bearer scheme and requires it on every /api/v1 operation, and only there', () => {
    const schemes = (document.components as Json).securitySchemes as Json;
    expect(schemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    for (const { path, method, operation } of operations()) {
      if (path.startsWith('/api/v1/'))
        expect(operation.security, `${method} ${path}`).toEqual([{ bearer: [] }]);
      if (UNAUTHENTICATED.has(path)) expect(operation.security ?? [], `${method} ${path}`).toEqual([]);
    }
  });

  it('declares each path parameter and at least one response per operation', () => {
    for (const { path, method, operation } of operations()) {
      const where = `${method} ${path}`;
      expect(Object.keys(operation.responses ?? {}).length, where).toBeGreaterThan(0);
      for (const [, name] of path.matchAll(/\{(\w+)\}/g)) {
        expect(operation.parameters, where).toContainEqual(
          expect.objectContaining({ name, in: 'path', required: true }),
        );
      }
    }
  });

  it('describes every field of GenerateRequest, with an example', () => {
    const schema = ((document.components as Json).schemas as Record<string, Json>).GenerateRequest!;
    const properties = schema.properties as Record<string, Json>;
    expect(Object.keys(properties).sort()).toEqual([
      'assetType',
      'brandKitId',
      'prompt',
      'referenceImageIds',
      'visibility',
    ]);
    expect(schema.required).toEqual(['assetType', 'prompt']);
    for (const [name, property] of Object.entries(properties)) {
      expect(property.description, name).toEqual(expect.stringMatching(/\w/));
      expect(property.example, name).toBeDefined();
    }
    expect(properties.assetType!.enum).toContain(properties.assetType!.example);
    expect(properties.visibility).toMatchObject({ enum: ['public', 'private'], default: 'private' });
  });

  it('lists the error codes an error body can carry', () => {
    const error = ((document.components as Json).schemas as Record<string, Json>).Error!;
    const code = ((error.properties as Record<string, Json>).error!.properties as Record<string, Json>).code!;
    expect(code.enum).toEqual(expect.arrayContaining(['INVALID_INPUT', 'NOT_FOUND', 'RATE_LIMITED']));
    expect(code.enum).toContain(code.example);
  });

  it('has no $ref that points nowhere', () => {
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of new Set(refs)) {
      expect(ref).toMatch(/^#\//);
      const target = ref
        .slice(2)
        .split('/')
        .reduce<unknown>((node, key) => (node as Json | undefined)?.[key], document);
      expect(target, ref).toBeDefined();
    }
  });
});

describe('GET /docs', () => {
  const CONTENT_TYPES: Record<string, RegExp> = { js: /^text\/javascript/, css: /^text\/css/ };
  let html: string;
  let headers: Headers;
  beforeAll(async () => {
    const response = await studio.app.request('/docs');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    headers = response.headers;
    html = await response.text();
  });
  /** The page's Content-Security-Policy, each directive with its sources. */
  const policy = () =>
    new Map(
      (headers.get('content-security-policy') ?? '').split(';').map((part) => {
        const [name, ...sources] = part.trim().split(/\s+/);
        return [name!, sources.join(' ')];
      }),
    );
  const tags = () => html.match(/<(script|link)\b[^>]*>/gi) ?? [];
  /** The URL of every script and stylesheet the page loads. */
  const references = () => tags().map((tag) => /\s(?:src|href)="([^"]*)"/i.exec(tag)?.[1] ?? tag);
  const referenced = (file: string) => references().find((url) => url.endsWith(`/${file}`))!;

  it('loads only same-origin scripts and styles, and no inline script', () => {
    expect(html).toMatch(/^<!doctype html>/i);
    expect(references()).toHaveLength(3);
    for (const tag of tags()) expect(tag).not.toMatch(/https?:|\/\//i);
    for (const url of references()) expect(url).toMatch(/^\/docs\/[\w./-]+$/);
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts).toHaveLength(2);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\ssrc="/);
      expect(body!.trim()).toBe('');
    }
    expect(html).not.toMatch(/\son\w+=/i);
  });

  it('runs under a CSP that allows same-origin script files only, and no framing', () => {
    expect(policy().get('script-src')).toBe("'self'");
    expect(policy().get('default-src')).toBe("'self'");
    expect(policy().get('object-src')).toBe("'none'");
    expect(policy().get('base-uri')).toBe("'none'");
    expect(policy().get('frame-ancestors')).toBe("'none'");
    // Try-it-out may call the documented server even when the page was opened under another name.
    expect(policy().get('connect-src')).toBe(`'self' ${new URL(studio.deps.config.publicBaseUrl).origin}`);
    expect(headers.get('content-security-policy')).not.toMatch(/unsafe-(eval|inline)/);
    expect(headers.get('x-frame-options')).toBe('DENY');
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('referrer-policy')).toBe('no-referrer');
    expect(headers.get('cache-control')).toBe('no-cache');
  });

  it('serves every file it references with its content type, cached for long under the pinned version', async () => {
    const { version } = createRequire(import.meta.url)('swagger-ui-dist/package.json') as { version: string };
    for (const url of references()) {
      const response = await studio.app.request(url);
      expect(response.status, url).toBe(200);
      expect(response.headers.get('content-type'), url).toMatch(CONTENT_TYPES[url.split('.').pop()!]!);
      expect(response.headers.get('cache-control'), url).toMatch(/max-age=31536000/);
      expect(response.headers.get('x-content-type-options'), url).toBe('nosniff');
      expect(url).toContain(`/${version}-`);
      expect((await response.text()).length, url).toBeGreaterThan(0);
    }
    const bundle = await (await studio.app.request(referenced('swagger-ui-bundle.js'))).text();
    expect(bundle).toContain('SwaggerUIBundle');
  });

  it('starts Swagger UI on /openapi.json with try-it-out on and no remote validator', async () => {
    const script = await (await studio.app.request(referenced('docs-init.js'))).text();
    expect(script).toContain("url: '/openapi.json'");
    expect(script).toContain('tryItOutEnabled: true');
    expect(script).toContain('validatorUrl: null');
    expect(script).not.toMatch(/https?:\/\//);
  });

  it('answers a file outside the allow-list, or under another version, with a JSON 404', async () => {
    const base = referenced('docs-init.js').replace(/\/docs-init\.js$/, '');
    for (const url of [
      `${base}/swagger-ui-standalone-preset.js`,
      `${base}/index.html`,
      `${base}/package.json`,
      `${base}/swagger-ui.css.map`,
      '/docs/assets/0.0.0-00000000/swagger-ui.css',
      '/docs/swagger-ui.css',
    ]) {
      await expectApiError(await studio.app.request(url), 404, 'NOT_FOUND');
    }
  });

  it.each([
    '/..%2f..%2fpackage.json',
    '/%2e%2e%2f%2e%2e%2fpackage.json',
    '/..%5c..%5cpackage.json',
    '/../../../package.json',
    '/..',
  ])('refuses traversal (%s) with a JSON 404', async (tail) => {
    const base = referenced('docs-init.js').replace(/\/docs-init\.js$/, '');
    const response = await studio.app.request(`${base}${tail}`);
    const error = await expectApiError(response, 404, 'NOT_FOUND');
    expect(JSON.stringify(error)).not.toContain('swagger-ui-dist');
  });
});

describe('errors', () => {
  it.each([
    ['GET', '/nope'],
    ['GET', '/api/v2/assets'],
    ['POST', '/healthz'],
    ['DELETE', '/openapi.json'],
  ])('answers an unknown route (%s %s) with a JSON 404', async (method, path) => {
    const error = await expectApiError(await studio.app.request(path, { method }), 404, 'NOT_FOUND');
    expect(error.message).toContain(path);
  });

  it('answers an unknown /api/v1 route with 401 before auth, and a JSON 404 after', async () => {
    await expectApiError(await studio.app.request('/api/v1/nope'), 401, 'UNAUTHORIZED');
    await expectApiError(
      await studio.call('/api/v1/nope', { token: studio.token('errors') }),
      404,
      'NOT_FOUND',
    );
  });

  const protectedRoutes = [
    ['GET', '/api/v1/assets'],
    ['GET', '/api/v1/jobs'],
    ['GET', '/api/v1/brand-kits'],
    ['GET', '/api/v1/events'],
    ['POST', '/api/v1/generate'],
  ] as const;

  const expiredToken = () =>
    signExtensionJwt(
      {
        channel_id: 'errors',
        opaque_user_id: 'Uerrors',
        role: 'broadcaster',
        exp: Math.floor(Date.now() / 1000) - 60,
      },
      studio.deps.extensionSecret,
    );
  const foreignToken = () =>
    signExtensionJwt(
      {
        channel_id: 'errors',
        opaque_user_id: 'Uerrors',
        role: 'broadcaster',
        exp: Math.floor(Date.now() / 1000) + 60,
      },
      randomBytes(32).toString('base64'),
    );
  const credentials: [string, () => Record<string, string>][] = [
    ['no Authorization header', () => ({})],
    ['a non-bearer scheme', () => ({ Authorization: 'Basic dXNlcjpwYXNz' })],
    ['an empty bearer', () => ({ Authorization: 'Bearer ' })],
    ['a garbage token', () => ({ Authorization: 'Bearer garbage' })],
    ['a garbage JWT', () => ({ Authorization: 'Bearer a.b.c' })],
    ['an unknown API token', () => ({ Authorization: 'Bearer sst_not-a-real-token' })],
    ['an expired JWT', () => ({ Authorization: `Bearer ${expiredToken()}` })],
    ['a JWT signed with another secret', () => ({ Authorization: `Bearer ${foreignToken()}` })],
  ];

  it.each(credentials)('answers %s with a JSON 401 on every protected route', async (_label, headers) => {
    for (const [method, path] of protectedRoutes) {
      const response = await studio.app.request(path, {
        method,
        headers: { ...headers(), 'Content-Type': 'application/json' },
        ...(method === 'POST' ? { body: JSON.stringify({ assetType: 'emote', prompt: 'x' }) } : {}),
      });
      await expectApiError(response, 401, 'UNAUTHORIZED');
    }
  });

  it('says an expired token has expired', async () => {
    const response = await studio.call('/api/v1/assets', { token: expiredToken() });
    expect((await expectApiError(response, 401, 'UNAUTHORIZED')).message).toMatch(/expired/);
  });

  it('never puts a stack trace in an error response', async () => {
    const token = studio.token('errors-no-stack');
    const provoked: [Response, number, string][] = [
      [await studio.call('/api/v1/generate', { token, body: '{"assetType":' }), 400, 'INVALID_INPUT'],
      [
        await studio.call('/api/v1/generate', { token, body: { assetType: 'gif', prompt: 'x' } }),
        400,
        'INVALID_INPUT',
      ],
      [
        await studio.call('/api/v1/generate', {
          token,
          body: 'x',
          headers: { 'Content-Type': 'text/plain' },
        }),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      ],
      [
        await studio.call('/api/v1/generate', { token, body: 'x'.repeat(3 * 1024 * 1024) }),
        413,
        'PAYLOAD_TOO_LARGE',
      ],
      [await studio.call('/api/v1/assets?cursor=zzz', { token }), 400, 'INVALID_INPUT'],
      [await studio.call('/api/v1/assets/not-a-uuid', { token }), 400, 'INVALID_INPUT'],
      [
        await studio.call('/api/v1/assets?visibility=private', {
          token: studio.token('errors-no-stack', 'viewer'),
        }),
        403,
        'FORBIDDEN',
      ],
      [await studio.call('/api/v1/jobs/00000000-0000-4000-8000-000000000000', { token }), 404, 'NOT_FOUND'],
      [await studio.app.request('/asset/not-a-uuid'), 400, 'INVALID_INPUT'],
      [await studio.app.request('/files/private/x.png?expires=1&signature=x'), 404, 'NOT_FOUND'],
      [await studio.app.request('/files/public/../../etc/passwd'), 404, 'NOT_FOUND'],
    ];
    for (const [response, status, code] of provoked) await expectApiError(response, status, code);
  });
});
