import type { FakeGeminiServer } from '../../server/testing/fake-gemini-server.js';

/** One request as the stand-in saw it: its body read, then its answer handed to the socket. */
interface Span {
  readonly start: number;
  end: number;
}

/**
 * Times the Gemini stand-in's own work per request, from its side: from the moment it logs a
 * request (its body read) to the moment it sets the answer's status (the response's `finish`).
 */
export function timeStandIn(fake: FakeGeminiServer) {
  const spans: Span[] = [];
  const push = fake.requests.push.bind(fake.requests);
  fake.requests.push = (...entries) => {
    for (const entry of entries) {
      const span = { start: performance.now(), end: Number.NaN };
      spans.push(span);
      let status = entry.status;
      Object.defineProperty(entry, 'status', {
        enumerable: true,
        get: () => status,
        set(value: number) {
          status = value;
          span.end = performance.now();
        },
      });
    }
    return push(...entries);
  };
  return {
    /** How many requests so far: a mark to sum from. */
    mark: () => spans.length,
    /** Milliseconds the stand-in spent on the requests since `mark`. */
    since: (mark: number) => spans.slice(mark).reduce((sum, s) => sum + (s.end - s.start), 0),
  };
}
