import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkUrlToken, REFUSALS, type StorageRefusal, signUrlToken } from './storage-wire.js';

/** A bucket as the stand-in keeps it (the wire names are snake_case; see `bucketData`). */
export interface StandInBucket {
  readonly id: string;
  public: boolean;
  fileSizeLimit: number | null;
  allowedMimeTypes: string[] | null;
  readonly createdAt: string;
  updatedAt: string;
}

interface StandInObject {
  readonly id: string;
  readonly data: Buffer;
  readonly contentType: string;
  readonly cacheControl: string;
}

/** One request as the stand-in saw it, path without the `/storage/v1` prefix. */
export interface SeenRequest {
  readonly method: string;
  readonly path: string;
}

/**
 * A scripted fault for the next matching requests: a 500 from the storage server, a reply held
 * back for `delayMs`, or the connection dropped without a reply.
 */
export interface StorageFault {
  readonly kind: 'error' | 'slow' | 'drop';
  readonly match?: (request: SeenRequest) => boolean;
  /** How many matching requests it hits (default 1). */
  readonly times?: number;
  /** How many matching requests pass untouched first (default 0). */
  readonly skip?: number;
  readonly delayMs?: number;
}

export interface StorageStandInOptions {
  readonly serviceKey?: string;
}

type Reply = readonly [status: number, body: unknown, headers?: Record<string, string>];

const PREFIX = '/storage/v1';

const refuse = ([status, body]: StorageRefusal): Reply => [status, body];

/**
 * Supabase Storage's REST API as `@supabase/storage-js` uses it, behind Supabase's gateway (every
 * path under `/storage/v1`), answering as the real server does (FACTS.md): errors as HTTP 400 with
 * the real status and code in the body, public buckets served to anyone, private ones only to the
 * service key or a signed URL until it expires, moves across buckets. Test-only: state in memory.
 */
export class StorageStandIn {
  readonly serviceKey: string;
  /** Every request, in order (faults included). */
  readonly requests: SeenRequest[] = [];
  readonly #buckets = new Map<string, StandInBucket>();
  readonly #objects = new Map<string, Map<string, StandInObject>>();
  readonly #faults: { fault: StorageFault; skip: number; times: number }[] = [];
  readonly #jwtSecret = randomBytes(32);
  readonly #server: Server;
  #clockOffsetMs = 0;

  private constructor(server: Server, serviceKey: string) {
    this.#server = server;
    this.serviceKey = serviceKey;
  }

  /** Starts one on a free port of 127.0.0.1. */
  static async start(options: StorageStandInOptions = {}): Promise<StorageStandIn> {
    const server = createServer();
    const standIn = new StorageStandIn(server, options.serviceKey ?? `service-role-${randomUUID()}`);
    server.on('request', (req, res) => void standIn.#handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return standIn;
  }

  /** What `SUPABASE_URL` is set to: the project's origin, without `/storage/v1`. */
  get url(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  /** Moves the clock that signed URLs expire by forward. */
  advanceClock(ms: number): void {
    this.#clockOffsetMs += ms;
  }

  /** Scripts a fault for upcoming requests; faults are used in the order they were added. */
  inject(fault: StorageFault): void {
    this.#faults.push({ fault, skip: fault.skip ?? 0, times: fault.times ?? 1 });
  }

  bucket(id: string): StandInBucket | undefined {
    return this.#buckets.get(id);
  }

  /** Object names in a bucket, sorted (empty for a missing bucket). */
  objectNames(bucketId: string): string[] {
    return [...(this.#objects.get(bucketId)?.keys() ?? [])].sort();
  }

  close(): Promise<void> {
    this.#server.closeAllConnections();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }

  #now(): number {
    return Date.now() + this.#clockOffsetMs;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const method = req.method ?? 'GET';
    const seen = { method, path: url.pathname.slice(PREFIX.length) };
    this.requests.push(seen);
    const body = await readBody(req);
    const fault = this.#takeFault(seen);
    if (fault?.kind === 'drop') return void req.socket.destroy();
    if (fault?.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 1000));
    const [status, payload, headers = {}] =
      fault?.kind === 'error'
        ? refuse(REFUSALS.internal)
        : url.pathname.startsWith(`${PREFIX}/`)
          ? this.#route(method, seen.path, url.searchParams, req, body)
          : routeNotFound(method, url.pathname);
    if (res.destroyed) return;
    if (Buffer.isBuffer(payload)) {
      res.writeHead(status, { ...headers, 'content-length': String(payload.length) });
      res.end(method === 'HEAD' ? undefined : payload);
    } else {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(payload));
    }
  }

  #takeFault(request: SeenRequest): StorageFault | undefined {
    for (const [i, entry] of this.#faults.entries()) {
      if (entry.fault.match && !entry.fault.match(request)) continue;
      if (entry.skip > 0) {
        entry.skip--;
        return undefined;
      }
      if (--entry.times <= 0) this.#faults.splice(i, 1);
      return entry.fault;
    }
    return undefined;
  }

  #route(method: string, path: string, query: URLSearchParams, req: IncomingMessage, body: Buffer): Reply {
    const [area, ...rest] = path.slice(1).split('/');
    const segments = rest.map((segment) => decodeURIComponent(segment));
    // Anyone may read a public bucket's files, and any file through a signed URL; the rest needs the key.
    if (area === 'object' && method === 'GET' && segments[0] === 'public')
      return this.#publicGet(segments[1] ?? '', segments.slice(2).join('/'));
    if (area === 'object' && method === 'GET' && segments[0] === 'sign')
      return this.#signedGet(segments[1] ?? '', segments.slice(2).join('/'), query.get('token'));
    const refused = this.#checkKey(req);
    if (refused) return refused;
    if (area === 'bucket') return this.#bucketRoute(method, segments[0], body);
    if (area === 'object') return this.#objectRoute(method, segments, req, body);
    return routeNotFound(method, path);
  }

  #checkKey(req: IncomingMessage): Reply | null {
    // Supabase's gateway checks `apikey` before the storage server sees the request.
    if (req.headers.apikey !== this.serviceKey)
      return [
        401,
        { message: 'Invalid API key', hint: 'Double check your Supabase `anon` or `service_role` API key.' },
      ];
    if (req.headers.authorization !== `Bearer ${this.serviceKey}`) return refuse(REFUSALS.bearerRefused);
    return null;
  }

  #bucketRoute(method: string, id: string | undefined, body: Buffer): Reply {
    if (method === 'GET' && id === undefined) return [200, [...this.#buckets.values()].map(bucketData)];
    if (method === 'GET' && id) {
      const bucket = this.#buckets.get(id);
      return bucket ? [200, bucketData(bucket)] : refuse(REFUSALS.noSuchBucket);
    }
    const options = parseJson(body) as {
      id?: string;
      public?: boolean;
      file_size_limit?: number | null;
      allowed_mime_types?: string[] | null;
    };
    if (method === 'POST' && id === undefined && options.id) {
      if (this.#buckets.has(options.id)) return refuse(REFUSALS.bucketExists);
      const at = new Date(this.#now()).toISOString();
      this.#buckets.set(options.id, {
        id: options.id,
        public: options.public ?? false,
        fileSizeLimit: options.file_size_limit ?? null,
        allowedMimeTypes: options.allowed_mime_types ?? null,
        createdAt: at,
        updatedAt: at,
      });
      this.#objects.set(options.id, new Map());
      return [200, { name: options.id }];
    }
    if (method === 'PUT' && id) {
      const bucket = this.#buckets.get(id);
      if (!bucket) return refuse(REFUSALS.noSuchBucket);
      if (options.public !== undefined) bucket.public = options.public;
      if (options.file_size_limit !== undefined) bucket.fileSizeLimit = options.file_size_limit;
      if (options.allowed_mime_types !== undefined) bucket.allowedMimeTypes = options.allowed_mime_types;
      bucket.updatedAt = new Date(this.#now()).toISOString();
      return [200, { message: 'Successfully updated' }];
    }
    return routeNotFound(method, `/bucket/${id ?? ''}`);
  }

  #objectRoute(method: string, segments: string[], req: IncomingMessage, body: Buffer): Reply {
    const [first = '', ...rest] = segments;
    if (method === 'POST' && first === 'move' && rest.length === 0) return this.#move(parseJson(body));
    if (method === 'POST' && first === 'sign')
      return this.#sign(rest[0] ?? '', rest.slice(1).join('/'), body);
    if (method === 'GET' && first === 'authenticated')
      return this.#serve(rest[0] ?? '', rest.slice(1).join('/'));
    if (method === 'DELETE' && rest.length === 0) return this.#remove(first, parseJson(body));
    const name = rest.join('/');
    if (method === 'GET' || method === 'HEAD') return this.#serve(first, name);
    if (method === 'POST' || method === 'PUT') return this.#upload(method, first, name, req, body);
    return routeNotFound(method, `/object/${segments.join('/')}`);
  }

  #publicGet(bucketId: string, name: string): Reply {
    // The real server does not say "private": a private bucket's public URL is a missing bucket.
    if (!this.#buckets.get(bucketId)?.public) return refuse(REFUSALS.noSuchBucket);
    return this.#serve(bucketId, name);
  }

  #signedGet(bucketId: string, name: string, token: string | null): Reply {
    if (!token) return refuse(REFUSALS.tokenMissing);
    const refused = checkUrlToken(this.#jwtSecret, token, `${bucketId}/${name}`, this.#now());
    return refused ? refuse(refused) : this.#serve(bucketId, name);
  }

  #serve(bucketId: string, name: string): Reply {
    const objects = this.#objects.get(bucketId);
    if (!objects) return refuse(REFUSALS.noSuchBucket);
    const object = objects.get(name);
    if (!object) return refuse(REFUSALS.noSuchKey);
    return [
      200,
      object.data,
      { 'content-type': object.contentType, 'cache-control': object.cacheControl, etag: `"${object.id}"` },
    ];
  }

  #upload(method: string, bucketId: string, name: string, req: IncomingMessage, body: Buffer): Reply {
    const bucket = this.#buckets.get(bucketId);
    const objects = this.#objects.get(bucketId);
    if (!bucket || !objects) return refuse(REFUSALS.noSuchBucket);
    if (!isObjectName(name)) return refuse(REFUSALS.invalidKey(name));
    const contentType = String(req.headers['content-type'] ?? 'application/octet-stream');
    const mime = contentType.split(';')[0]!.trim().toLowerCase();
    if (
      bucket.allowedMimeTypes?.length &&
      !bucket.allowedMimeTypes.some((allowed) => mimeMatches(allowed, mime))
    )
      return refuse(REFUSALS.mimeType(mime));
    if (bucket.fileSizeLimit !== null && body.length > bucket.fileSizeLimit) return refuse(REFUSALS.tooLarge);
    const upsert = method === 'PUT' || req.headers['x-upsert'] === 'true';
    if (method === 'PUT' && !objects.has(name)) return refuse(REFUSALS.noSuchKey);
    if (!upsert && objects.has(name)) return refuse(REFUSALS.keyExists);
    const id = randomUUID();
    const cacheControl = String(req.headers['cache-control'] ?? 'max-age=3600');
    objects.set(name, { id, data: body, contentType, cacheControl });
    return [200, { Id: id, Key: `${bucketId}/${name}` }];
  }

  #sign(bucketId: string, name: string, body: Buffer): Reply {
    const { expiresIn } = parseJson(body) as { expiresIn?: unknown };
    if (typeof expiresIn !== 'number' || !(expiresIn >= 1))
      return refuse(REFUSALS.invalidRequest('body/expiresIn must be >= 1'));
    const served = this.#serve(bucketId, name);
    if (served[0] !== 200) return served;
    const token = signUrlToken(this.#jwtSecret, `${bucketId}/${name}`, this.#now(), Math.floor(expiresIn));
    const path = `/object/sign/${bucketId}/${name}`;
    return [200, { signedURL: `${path}?token=${token}` }];
  }

  #move(request: unknown): Reply {
    const { bucketId, sourceKey, destinationKey, destinationBucket } = request as Record<
      string,
      string | undefined
    >;
    const from = this.#objects.get(bucketId ?? '');
    const to = this.#objects.get(destinationBucket ?? bucketId ?? '');
    if (!from || !to) return refuse(REFUSALS.noSuchBucket);
    const object = from.get(sourceKey ?? '');
    if (!object) return refuse(REFUSALS.noSuchKey);
    if (!destinationKey || !isObjectName(destinationKey))
      return refuse(REFUSALS.invalidKey(destinationKey ?? ''));
    if (to.has(destinationKey)) return refuse(REFUSALS.keyExists);
    to.set(destinationKey, object);
    from.delete(sourceKey!);
    return [200, { message: 'Successfully moved' }];
  }

  #remove(bucketId: string, request: unknown): Reply {
    const objects = this.#objects.get(bucketId);
    const prefixes = (request as { prefixes?: unknown }).prefixes;
    if (!Array.isArray(prefixes))
      return refuse(REFUSALS.invalidRequest("body must have required property 'prefixes'"));
    // Names that do not exist are skipped; the answer lists what was removed.
    const removed = prefixes.filter(
      (name): name is string => typeof name === 'string' && objects?.delete(name) === true,
    );
    return [200, removed.map((name) => ({ name, bucket_id: bucketId }))];
  }
}

function bucketData(bucket: StandInBucket) {
  return {
    id: bucket.id,
    name: bucket.id,
    owner: '',
    public: bucket.public,
    type: 'STANDARD',
    file_size_limit: bucket.fileSizeLimit,
    allowed_mime_types: bucket.allowedMimeTypes,
    created_at: bucket.createdAt,
    updated_at: bucket.updatedAt,
  };
}

function routeNotFound(method: string, path: string): Reply {
  return [404, { message: `Route ${method}:${path} not found`, error: 'Not Found', statusCode: 404 }];
}

function isObjectName(name: string): boolean {
  return name.length > 0 && !name.startsWith('/') && !name.split('/').some((s) => s === '' || s === '..');
}

function mimeMatches(allowed: string, mime: string): boolean {
  const rule = allowed.toLowerCase();
  return rule.endsWith('/*') ? mime.startsWith(rule.slice(0, -1)) : rule === mime;
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8') || '{}');
  } catch {
    return {};
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
