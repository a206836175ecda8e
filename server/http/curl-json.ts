import type { MiddlewareHandler } from 'hono';

/**
 * `curl -d '{…}'` labels a JSON body `application/x-www-form-urlencoded`. A body that is plainly
 * JSON under that label (or none) is relabelled, so the README's one-line curl works as written.
 */
export function curlJson(): MiddlewareHandler {
  return async function curlJson(c, next) {
    const type = c.req.header('content-type');
    const mislabelled = type === undefined || type.startsWith('application/x-www-form-urlencoded');
    if (mislabelled && c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      const text = await c.req.raw.clone().text();
      if (/^\s*[{[]/.test(text)) {
        const headers = new Headers(c.req.raw.headers);
        headers.set('content-type', 'application/json');
        c.req.raw = new Request(c.req.raw.url, { method: c.req.method, headers, body: text });
      }
    }
    await next();
  };
}
