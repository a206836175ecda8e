import type { FetchLike, StudioStreamEvent } from '../../../client/index.js';

/** What a route handler gets: the request, its path parameters and its parsed JSON body. */
export interface FakeRequest {
  readonly request: Request;
  readonly url: URL;
  readonly params: Record<string, string>;
  readonly body: unknown;
  readonly token: string | undefined;
}

/** A handler's answer: JSON with a status, a `Response`, or a promise a test resolves later. */
export type FakeAnswer = { status?: number; json?: unknown } | Response;
export type FakeHandler = (request: FakeRequest) => FakeAnswer | Promise<FakeAnswer>;

/** The API's error body, as the server answers a refused call. */
export const apiError = (status: number, code: string, message: string): FakeAnswer => ({
  status,
  json: { error: { code, message } },
});

/** A request as the fake saw it. */
export interface FakeCall {
  readonly method: string;
  readonly path: string;
  /** The query string, `?` included, or `''`. */
  readonly search: string;
  readonly body: unknown;
  /** The bearer token, or `undefined` when no `Authorization` was sent. */
  readonly token: string | undefined;
  /** The names of the headers sent, lower-case: a public read sends none a CDN would key on. */
  readonly headers: readonly string[];
  readonly credentials: RequestCredentials;
}

interface Route {
  readonly method: string;
  readonly pattern: RegExp;
  readonly names: string[];
  readonly handler: FakeHandler;
}

/**
 * The API at the wire, for component tests: routes like `GET /api/v1/assets/:id` answer from
 * handlers a test sets, every call is recorded, and `/api/v1/events` is a live event stream the
 * test pushes events into. Views reach it through the real typed client.
 */
export class FakeServer {
  readonly baseUrl = 'http://studio.test';
  readonly calls: FakeCall[] = [];
  private readonly routes: Route[] = [];
  private readonly streams = new Set<ReadableStreamDefaultController<Uint8Array>>();
  private nextEventId = 1;

  /** Answers `METHOD /path/:param` with `handler` (the latest registration for a route wins). */
  on(route: string, handler: FakeHandler | FakeAnswer): this {
    const [method, path] = route.split(' ') as [string, string];
    const names: string[] = [];
    const pattern = new RegExp(
      `^${path.replace(/:(\w+)/g, (_, name: string) => {
        names.push(name);
        return '([^/]+)';
      })}$`,
    );
    this.routes.unshift({
      method,
      pattern,
      names,
      handler: typeof handler === 'function' ? handler : () => handler,
    });
    return this;
  }

  /** Sends an event to every open stream, as the server would after a change. */
  push<E extends StudioStreamEvent>(type: E['type'], data: E['data']): void {
    const frame = `id: ${this.nextEventId++}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const stream of this.streams) stream.enqueue(new TextEncoder().encode(frame));
  }

  /** Ends every open event stream, as a server restart or a dropped connection would. */
  dropStreams(): void {
    for (const stream of this.streams) stream.close();
    this.streams.clear();
  }

  /** How many event streams the views hold open now. */
  get openStreams(): number {
    return this.streams.size;
  }

  /** The requests made to `METHOD /path` (exact path, no query). */
  callsTo(method: string, path: string) {
    return this.calls.filter((call) => call.method === method && call.path === path);
  }

  readonly fetch: FetchLike = async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const token = request.headers.get('authorization')?.replace(/^Bearer /, '');
    const text = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // A binary upload (a logo): kept as text.
    }
    this.calls.push({
      method: request.method,
      path: url.pathname,
      search: url.search,
      body,
      token,
      headers: [...request.headers.keys()],
      credentials: request.credentials,
    });
    if (url.pathname === '/api/v1/events') return this.openStream(request);
    for (const route of this.routes) {
      const match = route.method === request.method ? route.pattern.exec(url.pathname) : null;
      if (!match) continue;
      const params = Object.fromEntries(
        route.names.map((name, i) => [name, decodeURIComponent(match[i + 1]!)]),
      );
      const answer = await route.handler({ request, url, params, body, token });
      if (answer instanceof Response) return answer;
      const status = answer.status ?? 200;
      if (answer.json === undefined) return new Response(null, { status });
      return new Response(JSON.stringify(answer.json), {
        status,
        headers: { 'Content-Type': 'application/json' },
      });
    }
    return new Response(
      JSON.stringify({
        error: { code: 'NOT_FOUND', message: `no fake for ${request.method} ${url.pathname}` },
      }),
      {
        status: 404,
        headers: { 'Content-Type': 'application/json' },
      },
    );
  };

  private openStream(request: Request): Response {
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>({
      start: (c) => {
        controller = c;
        this.streams.add(c);
        c.enqueue(new TextEncoder().encode('event: ready\ndata: {"channelId":"local"}\n\n'));
      },
      cancel: () => {
        this.streams.delete(controller);
      },
    });
    request.signal.addEventListener('abort', () => this.streams.delete(controller));
    return new Response(body, { headers: { 'Content-Type': 'text/event-stream' } });
  }
}
