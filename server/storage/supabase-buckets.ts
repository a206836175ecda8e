import type { StorageClient } from '@supabase/storage-js';
import { CATALOGUE } from '../catalogue/index.js';
import type { Visibility } from '../vocabulary/index.js';
import { readSupabaseFailure, supabaseError } from './supabase-errors.js';

/** Every type the server stores: generated PNGs, and brand-kit logos (PNG, JPEG or WebP). No zips: those are built per download. */
export const SUPABASE_MIME_TYPES: readonly string[] = ['image/png', 'image/jpeg', 'image/webp'];

/** The largest file the server writes: the catalogue's largest per-file limit (logos, 2 MB at most, fit under it). */
export const SUPABASE_FILE_SIZE_LIMIT = Math.max(...Object.values(CATALOGUE).map((spec) => spec.maxBytes));

/** One of the two buckets as the server wants it. */
export interface BucketSpec {
  readonly id: string;
  readonly visibility: Visibility;
  readonly public: boolean;
  readonly allowedMimeTypes: readonly string[];
  readonly fileSizeLimit: number;
}

/** `<prefix>-public` (Public in the dashboard) and `<prefix>-private`. */
export function bucketSpecs(prefix: string, fileSizeLimit = SUPABASE_FILE_SIZE_LIMIT): readonly BucketSpec[] {
  return (['public', 'private'] as const).map((visibility) => ({
    id: `${prefix}-${visibility}`,
    visibility,
    public: visibility === 'public',
    allowedMimeTypes: SUPABASE_MIME_TYPES,
    fileSizeLimit,
  }));
}

/** A bucket's settings as Supabase reports them (snake_case on the wire). */
interface BucketData {
  readonly public: boolean;
  readonly file_size_limit?: number | null;
  readonly allowed_mime_types?: string[] | null;
}

/** What differs between a bucket and its spec, in the words of the dashboard's bucket settings. */
export function bucketDifferences(spec: BucketSpec, bucket: BucketData): string[] {
  const problems: string[] = [];
  if (bucket.public !== spec.public)
    problems.push(
      spec.public ? `bucket ${spec.id} is not Public` : `bucket ${spec.id} is Public; it must not be`,
    );
  const allowed = [...(bucket.allowed_mime_types ?? [])].sort().join(', ');
  if (allowed !== [...spec.allowedMimeTypes].sort().join(', '))
    problems.push(
      `bucket ${spec.id}: Allowed MIME types are ${allowed || 'any'}; set them to ${spec.allowedMimeTypes.join(', ')}`,
    );
  const limit = bucket.file_size_limit ?? null;
  if (limit !== null && limit < spec.fileSizeLimit)
    problems.push(
      `bucket ${spec.id}: Restrict file upload size is ${limit} bytes, under the ${spec.fileSizeLimit} bytes the server writes`,
    );
  if (limit === null)
    problems.push(
      `bucket ${spec.id}: Restrict file upload size is off; set it to ${spec.fileSizeLimit} bytes`,
    );
  return problems;
}

/** What `ensureBuckets` did to one bucket. */
export interface BucketChange {
  readonly bucket: string;
  readonly change: 'created' | 'corrected' | 'unchanged';
  readonly differences: readonly string[];
}

/** The settings to write: the spec's, keeping a size limit someone set higher than the server needs. */
const settingsOf = (spec: BucketSpec, current?: BucketData) => ({
  public: spec.public,
  allowedMimeTypes: [...spec.allowedMimeTypes],
  fileSizeLimit: Math.max(spec.fileSizeLimit, current?.file_size_limit ?? 0),
});

/**
 * Creates each bucket that is missing and corrects one whose settings differ (a public flag the
 * wrong way round, other MIME types, a smaller size limit). Safe to run from several processes
 * at once: a bucket another one just created is read again and compared.
 */
export async function ensureBuckets(
  client: StorageClient,
  specs: readonly BucketSpec[],
): Promise<BucketChange[]> {
  const changes: BucketChange[] = [];
  for (const spec of specs) {
    let found = await client.getBucket(spec.id);
    if (found.error && readSupabaseFailure(found.error, `read bucket ${spec.id}`).kind === 'missing_bucket') {
      const created = await client.createBucket(spec.id, settingsOf(spec));
      if (!created.error) {
        changes.push({ bucket: spec.id, change: 'created', differences: [] });
        continue;
      }
      if (readSupabaseFailure(created.error, `create bucket ${spec.id}`).kind !== 'exists')
        throw supabaseError(created.error, `create bucket ${spec.id}`);
      found = await client.getBucket(spec.id);
    }
    if (found.error) throw supabaseError(found.error, `read bucket ${spec.id}`);
    const current = found.data as BucketData;
    const differences = bucketDifferences(spec, current);
    if (differences.length === 0) {
      changes.push({ bucket: spec.id, change: 'unchanged', differences });
      continue;
    }
    const updated = await client.updateBucket(spec.id, settingsOf(spec, current));
    if (updated.error) throw supabaseError(updated.error, `update bucket ${spec.id}`);
    changes.push({ bucket: spec.id, change: 'corrected', differences });
  }
  return changes;
}

/**
 * What is wrong with the buckets, read-only, in the words of the Supabase dashboard: for a check
 * command to print before going live. Empty when the server can start and store files.
 */
export async function inspectBuckets(client: StorageClient, specs: readonly BucketSpec[]): Promise<string[]> {
  const problems: string[] = [];
  for (const spec of specs) {
    const found = await client.getBucket(spec.id);
    if (!found.error) {
      problems.push(...bucketDifferences(spec, found.data as BucketData));
      continue;
    }
    const failure = readSupabaseFailure(found.error, `read bucket ${spec.id}`);
    if (failure.kind === 'missing_bucket') {
      problems.push(`bucket ${spec.id} does not exist (the server creates it at start)`);
      continue;
    }
    const statusCode = String((found.error as { statusCode?: unknown }).statusCode ?? '');
    if (statusCode === '401' || statusCode === '403')
      return [
        `service role key refused: set SUPABASE_SERVICE_ROLE_KEY to the service_role key (Project Settings → API Keys)`,
      ];
    return [failure.kind === 'failed' ? failure.error.message : `reading bucket ${spec.id} failed`];
  }
  return problems;
}
