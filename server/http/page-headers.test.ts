import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { type PageHeadersOptions, pageHeaders } from './page-headers.js';

/** The policy's directives, each with its sources. */
function directives(policy: string | null): Map<string, string[]> {
  expect(policy).toEqual(expect.any(String));
  return new Map(
    policy!.split(';').map((part) => {
      const [name, ...sources] = part.trim().split(/\s+/);
      return [name!, sources];
    }),
  );
}

async function page(options: PageHeadersOptions) {
  const app = new Hono().use(pageHeaders(options)).get('/', (c) => c.html('<!doctype html>'));
  const response = await app.request('/');
  return { headers: response.headers, csp: directives(response.headers.get('content-security-policy')) };
}

describe('pageHeaders', () => {
  it('runs only same-origin scripts, never eval nor inline', async () => {
    const { csp } = await page({ framedBy: 'none' });
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('style-src')).toEqual(["'self'"]);
    for (const [name, sources] of csp) expect(sources.join(' '), name).not.toMatch(/unsafe|\*|https?:/);
  });

  it('allows no plugins and no <base>', async () => {
    const { csp } = await page({ framedBy: 'none' });
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
  });

  it('lets a page be framed by its own origin only, or by nobody', async () => {
    const own = await page({ framedBy: 'self' });
    expect(own.csp.get('frame-ancestors')).toEqual(["'self'"]);
    expect(own.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    const nobody = await page({ framedBy: 'none' });
    expect(nobody.csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(nobody.headers.get('x-frame-options')).toBe('DENY');
  });

  it('connects to its own origin, and to what the page names', async () => {
    expect((await page({ framedBy: 'none' })).csp.get('connect-src')).toEqual(["'self'"]);
    const overlay = await page({ framedBy: 'none', connectTo: ['ws:', 'wss:'] });
    expect(overlay.csp.get('connect-src')).toEqual(["'self'", 'ws:', 'wss:']);
  });

  it('says nosniff and no-referrer, and leaves HSTS to whoever terminates TLS', async () => {
    const { headers } = await page({ framedBy: 'self' });
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('referrer-policy')).toBe('no-referrer');
    expect(headers.get('strict-transport-security')).toBeNull();
  });
});
