import type { Config } from '../config/index.js';
import { bucketSpecs, inspectBuckets } from '../storage/supabase-buckets.js';
import { supabaseStorageClient } from '../storage/supabase-storage.js';
import { type CheckResult, failed, passed } from './check-result.js';

export interface StorageCheckOptions {
  /** Deadline of each Storage call (10 s). */
  readonly timeoutMs?: number;
}

const PROJECT_URL = 'the Project URL, https://<project ref>.supabase.co (Project Settings → Data API)';
const SERVICE_KEY =
  'the service_role key (Project Settings → API Keys → Legacy API keys → service_role, Reveal)';

/**
 * Checks Supabase Storage as the server will use it: the project answers, takes the service
 * role key, and has the two buckets with the flags the server sets (or lacks them, and the server
 * will create them at start). With `STORAGE_DRIVER=local` there is nothing to check.
 */
export async function checkStorage(
  config: Config,
  options: StorageCheckOptions = {},
): Promise<CheckResult[]> {
  const storage = config.storage;
  if (storage.driver !== 'supabase')
    return [
      passed(
        'STORAGE_DRIVER',
        'local: files stay under DATA_DIR on this machine; set STORAGE_DRIVER=supabase to keep them in Supabase Storage',
      ),
    ];
  const shape = [...urlShape(storage.url), ...keyShape(storage.serviceRoleKey)];
  if (shape.length > 0) return shape;
  const client = supabaseStorageClient({ ...storage, timeoutMs: options.timeoutMs ?? 10_000 });
  const listed = await client.listBuckets();
  if (listed.error) {
    const { status, statusCode } = listed.error as { status?: number; statusCode?: string };
    if (status === undefined)
      return [
        failed(
          'SUPABASE_URL reachable',
          `no answer from ${origin(storage.url)} (${listed.error.message})`,
          `set it to ${PROJECT_URL}`,
        ),
      ];
    if (['401', '403'].includes(String(statusCode ?? status)))
      return [
        passed('SUPABASE_URL reachable', `${origin(storage.url)} answers`),
        failed(
          'SUPABASE_SERVICE_ROLE_KEY accepted',
          `Storage refused it: ${listed.error.message}`,
          `set it to ${SERVICE_KEY}`,
        ),
      ];
    return [
      failed('SUPABASE_URL reachable', `Storage answered ${statusCode ?? status}: ${listed.error.message}`),
    ];
  }
  const results = [
    passed('SUPABASE_URL reachable', `${origin(storage.url)} answers`),
    passed(
      'SUPABASE_SERVICE_ROLE_KEY accepted',
      `Storage lists the project's ${listed.data.length} bucket(s)`,
    ),
  ];
  for (const spec of bucketSpecs(storage.bucket)) {
    const kind = spec.public ? 'Public' : 'not public';
    const problems = await inspectBuckets(client, [spec]);
    if (problems.length === 0)
      results.push(
        passed(`bucket ${spec.id}`, `exists, ${kind}, with the MIME types and size limit the server writes`),
      );
    else if (problems.every((problem) => problem.includes('does not exist')))
      results.push(
        passed(`bucket ${spec.id}`, `does not exist yet: the server creates it at start, ${kind}`),
      );
    else
      results.push(
        failed(
          `bucket ${spec.id}`,
          problems.join('; '),
          `Storage → ${spec.id} → Edit bucket${spec.public ? ', "Public bucket" on' : ', "Public bucket" off'}; the server also corrects it at start`,
        ),
      );
  }
  return results;
}

const origin = (url: string) => new URL(url).origin;

function urlShape(url: string): CheckResult[] {
  const path = new URL(url).pathname;
  if (path === '/' || path === '') return [];
  return [
    failed(
      'SUPABASE_URL',
      `has the path ${path}; the server adds /storage/v1 itself`,
      `set it to ${PROJECT_URL}`,
    ),
  ];
}

/** The anon or publishable key can read public buckets only: the server would fail at its first upload. */
function keyShape(key: string): CheckResult[] {
  const role = key.startsWith('sb_publishable_') ? 'publishable' : jwtRole(key);
  if (role !== 'anon' && role !== 'publishable') return [];
  return [
    failed(
      'SUPABASE_SERVICE_ROLE_KEY',
      `is the ${role} key, which cannot create buckets or write files`,
      `set it to ${SERVICE_KEY}`,
    ),
  ];
}

function jwtRole(key: string): string | undefined {
  const [, payload] = key.split('.');
  if (!payload) return undefined;
  try {
    return (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { role?: string }).role;
  } catch {
    return undefined;
  }
}
