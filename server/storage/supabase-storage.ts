import { StorageClient } from '@supabase/storage-js';
import { NotFoundError, StudioError } from '../errors/index.js';
import type { Visibility } from '../vocabulary/index.js';
import type { StorageDriver, StoredObject } from './storage-driver.js';
import { assertStorageKey } from './storage-key.js';
import {
  type BucketChange,
  type BucketSpec,
  bucketSpecs,
  ensureBuckets,
  inspectBuckets,
} from './supabase-buckets.js';
import { readSupabaseFailure, type SupabaseFailure, supabaseError } from './supabase-errors.js';

/** Where the Supabase driver keeps files. */
export interface SupabaseStorageOptions {
  /** The project URL (`SUPABASE_URL`), like `https://abcd.supabase.co`; storage is under `/storage/v1`. */
  readonly url: string;
  /** `SUPABASE_SERVICE_ROLE_KEY`: sent as `apikey` and Bearer token, never logged nor put in an error. */
  readonly serviceRoleKey: string;
  /** `SUPABASE_BUCKET`: the buckets are `<bucket>-public` and `<bucket>-private`. */
  readonly bucket: string;
  /** Per-file limit the buckets are created with (default: the largest file the server writes). */
  readonly fileSizeLimit?: number;
  /** How long one call may take before it counts as a retryable failure (default 30 s). */
  readonly timeoutMs?: number;
}

/**
 * Seconds a file may be cached by browsers, OBS and Supabase's CDN. Keys never get new content
 * (a new file means a new asset id), but an asset made private must stop showing within minutes,
 * so this is as short as the local driver's public cache (`PUBLIC_FILE_CACHE_CONTROL`).
 */
export const SUPABASE_CACHE_SECONDS = 300;

/**
 * Asset files in Supabase Storage: a public bucket that Supabase serves to anyone (so image
 * traffic never passes through this server) and a private one reached only through signed URLs.
 * Visibility changes are server-side moves between the two, so a file is never on both sides.
 */
export class SupabaseStorageDriver implements StorageDriver {
  readonly name = 'supabase' as const;
  readonly publicUrlsAreExternal = true;
  readonly buckets: Readonly<Record<Visibility, BucketSpec>>;
  readonly #client: StorageClient;

  constructor(options: SupabaseStorageOptions) {
    const specs = bucketSpecs(options.bucket, options.fileSizeLimit);
    this.buckets = { public: specs[0]!, private: specs[1]! };
    this.#client = supabaseStorageClient(options);
  }

  /** Creates the buckets when missing and corrects their settings; call once at start. */
  ensureBuckets(): Promise<BucketChange[]> {
    return ensureBuckets(this.#client, Object.values(this.buckets));
  }

  /** What is wrong with the key or the buckets, in the dashboard's words; empty when all is well. */
  inspect(): Promise<string[]> {
    return inspectBuckets(this.#client, Object.values(this.buckets));
  }

  async put(object: StoredObject): Promise<void> {
    const bucket = this.#bucketOf(object.key, object.visibility);
    const { error } = await this.#call(`upload to ${bucket}`, () =>
      this.#client.from(bucket).upload(object.key, object.data, {
        contentType: object.contentType,
        cacheControl: String(SUPABASE_CACHE_SECONDS),
        upsert: true,
      }),
    );
    if (error) throw supabaseError(error, `upload to ${bucket}`);
  }

  async read(key: string, visibility: Visibility): Promise<Buffer | null> {
    const bucket = this.#bucketOf(key, visibility);
    const action = `download from ${bucket}`;
    return this.#call(action, async () => {
      const { data, error } = await this.#client.from(bucket).download(key);
      if (error) return this.#missingOr(error, action, null);
      return Buffer.from(await data.arrayBuffer());
    });
  }

  async remove(keys: readonly string[], visibility: Visibility): Promise<void> {
    for (const key of keys) assertStorageKey(key);
    const bucket = this.#bucket(visibility);
    if (keys.length === 0) return;
    // Supabase skips names that do not exist, which makes a repeated remove harmless.
    const { error } = await this.#call(`remove from ${bucket}`, () =>
      this.#client.from(bucket).remove([...keys]),
    );
    if (error) throw supabaseError(error, `remove from ${bucket}`);
  }

  async move(key: string, from: Visibility, to: Visibility): Promise<void> {
    const source = this.#bucketOf(key, from);
    const target = this.#bucketOf(key, to);
    if (from !== to) {
      const action = `move from ${source} to ${target}`;
      const attempt = () =>
        this.#call(action, () => this.#client.from(source).move(key, key, { destinationBucket: target }));
      let { error } = await attempt();
      // Both sides hold it (a put landed on the target meanwhile): the source wins, as a rename would.
      if (error && readSupabaseFailure(error, action).kind === 'exists') {
        await this.remove([key], to);
        ({ error } = await attempt());
      }
      if (!error) return;
      this.#missingOr(error, action, undefined);
    }
    // The source is gone: a move that already happened is done, not an error.
    if ((await this.read(key, to)) === null) throw new NotFoundError('no such file to move');
  }

  publicUrl(key: string): string {
    return this.#client.from(this.#bucketOf(key, 'public')).getPublicUrl(key).data.publicUrl;
  }

  async signedUrl(key: string, visibility: Visibility, expiresInSeconds: number): Promise<string> {
    const bucket = this.#bucketOf(key, visibility);
    if (!(Number.isFinite(expiresInSeconds) && expiresInSeconds > 0))
      throw new RangeError('a signed URL lives a positive, finite number of seconds');
    const action = `sign a URL in ${bucket}`;
    const { data, error } = await this.#call(action, () =>
      this.#client.from(bucket).createSignedUrl(key, Math.ceil(expiresInSeconds)),
    );
    if (error) throw supabaseError(error, action);
    return data.signedUrl;
  }

  /** Runs one storage-js call; what it throws (a body cut off mid-read) is typed like what it returns. */
  async #call<T>(action: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof StudioError) throw error;
      throw supabaseError(error, action);
    }
  }

  /** `missing` for a missing object; throws the typed error for anything else. */
  #missingOr<T>(error: unknown, action: string, missing: T): T {
    const failure: SupabaseFailure = readSupabaseFailure(error, action);
    if (failure.kind === 'missing_object') return missing;
    throw supabaseError(error, action);
  }

  #bucketOf(key: string, visibility: Visibility): string {
    assertStorageKey(key);
    return this.#bucket(visibility);
  }

  #bucket(visibility: Visibility): string {
    const spec = Object.hasOwn(this.buckets, visibility) ? this.buckets[visibility] : undefined;
    if (!spec) throw new TypeError('invalid visibility');
    return spec.id;
  }
}

/** A storage-js client for the project, with a deadline on every call (storage-js has none). */
export function supabaseStorageClient(
  options: Pick<SupabaseStorageOptions, 'url' | 'serviceRoleKey' | 'timeoutMs'>,
) {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const timedFetch: typeof fetch = (input, init) => {
    const deadline = AbortSignal.timeout(timeoutMs);
    return fetch(input, {
      ...init,
      signal: init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline,
    });
  };
  return new StorageClient(
    `${options.url.replace(/\/+$/, '')}/storage/v1`,
    { apikey: options.serviceRoleKey, Authorization: `Bearer ${options.serviceRoleKey}` },
    timedFetch,
  );
}
