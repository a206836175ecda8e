import autocannon from 'autocannon';
import { cpuSeconds } from './cpu-time.js';

/** One route's figures under load; `p50Ms`/`p99Ms` over the answers that were not errors. */
export interface RouteLoad {
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Answers other than 2xx and 304, connection errors and timeouts. */
  readonly errors: number;
  /** The status codes seen, with counts, when any was an error (`404×1234`). */
  readonly statuses: string;
  /** The server's CPU time per answer, in µs (NaN without `serverPid` or /proc). */
  readonly cpuUs: number;
}

export interface LoadOptions {
  readonly url: string;
  readonly headers?: Record<string, string>;
  readonly connections: number;
  readonly seconds: number;
  /** A run before the measured one, thrown away (JIT, caches, pools). */
  readonly warmUpSeconds: number;
  /** The process answering `url`, whose CPU time the measured run divides among its answers. */
  readonly serverPid?: number;
}

/**
 * What a browser sends with every request (the panel's fetches, an OBS browser source): answers may
 * come compressed, as they would to a viewer.
 */
export const BROWSER_HEADERS = { 'Accept-Encoding': 'gzip, deflate, br, zstd' };

/**
 * autocannon appends every response body to a string (`req.body += chunk`, for its `expectBody`
 * option, which the bench does not use). Decoding a PNG's bytes as UTF-8 costs the load generator
 * more than the server spends sending them, so a file route measured autocannon, not the server:
 * a 14 KB PNG capped at about 14k req/s where the same bytes in ASCII reached 46k. Each client's
 * queue drops body chunks instead; status, byte counts and latencies are kept as before.
 */
function dropBodies(client: unknown): void {
  const queue = (client as { pipelinedRequests?: { addBody?: unknown } }).pipelinedRequests;
  if (typeof queue?.addBody !== 'function')
    throw new Error('autocannon changed: no pipelinedRequests.addBody');
  queue.addBody = () => {};
}

const fine = (status: number) => (status >= 200 && status < 300) || status === 304;

const percentile = (sorted: Float64Array, p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1)]! : Number.NaN;

async function once(options: LoadOptions, seconds: number): Promise<RouteLoad> {
  const latencies: number[] = [];
  // autocannon's own histogram keeps 2xx only; a 304 row needs its latencies too.
  const run = autocannon({
    url: options.url,
    connections: options.connections,
    duration: seconds,
    timeout: 10,
    headers: { ...BROWSER_HEADERS, ...options.headers },
    setupClient: dropBodies,
  });
  run.on('response', (_client, status, _bytes, ms) => {
    if (fine(status)) latencies.push(ms);
  });
  const cpuBefore = options.serverPid ? cpuSeconds(options.serverPid) : Number.NaN;
  const result = await run;
  const cpu = options.serverPid ? cpuSeconds(options.serverPid) - cpuBefore : Number.NaN;
  const codes = Object.entries(result.statusCodeStats);
  const bad = codes.filter(([code]) => !fine(Number(code))).reduce((n, [, s]) => n + s.count, 0);
  const sorted = Float64Array.from(latencies).sort();
  return {
    rps: latencies.length / result.duration,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    errors: bad + result.errors,
    statuses: bad ? codes.map(([code, s]) => `${code}×${s.count}`).join(' ') : '',
    cpuUs: (cpu * 1e6) / result.requests.total,
  };
}

/** A short warm-up, then `connections` keep-alive connections for `seconds`, from this process. */
export async function loadRoute(options: LoadOptions): Promise<RouteLoad> {
  if (options.warmUpSeconds > 0) await once(options, options.warmUpSeconds);
  return once(options, options.seconds);
}
