/**
 * A worker process for the Supabase crash test: it claims a job from DATABASE_URL, stores its
 * files in Supabase Storage (SUPABASE_URL, the stand-in) and SIGKILLs itself right after the last
 * upload (CRASH_AFTER_PUTS), before the asset row is written: the files are left with no row.
 */
import { openPostgres } from '../../db/open-database.js';
import { EventHub } from '../../events/event-hub.js';
import { createLogger } from '../../logging/logger.js';
import { loadPromptTemplates } from '../../prompts/index.js';
import { PreviewImageProvider } from '../../providers/index.js';
import type { StorageDriver } from '../../storage/storage-driver.js';
import { SupabaseStorageDriver } from '../../storage/supabase-storage.js';
import { JobWorker } from '../../worker/job-worker.js';

const crashAfter = Number(process.env.CRASH_AFTER_PUTS);
const database = await openPostgres(process.env.DATABASE_URL!, { max: 2 });
const real = new SupabaseStorageDriver({
  url: process.env.SUPABASE_URL!,
  serviceRoleKey: process.env.SUPABASE_SERVICE_ROLE_KEY!,
  bucket: 'assets',
});
let puts = 0;
const storage = new Proxy(real, {
  get(target, property) {
    const value = Reflect.get(target, property, target);
    if (typeof value !== 'function') return value;
    if (property !== 'put') return value.bind(target);
    return async (...args: Parameters<StorageDriver['put']>) => {
      await target.put(...args);
      if (++puts === crashAfter) process.kill(process.pid, 'SIGKILL');
    };
  },
}) as StorageDriver;
const worker = new JobWorker({
  database,
  storage,
  provider: new PreviewImageProvider(),
  templates: await loadPromptTemplates(),
  events: new EventHub(database),
  logger: createLogger('silent'),
  concurrency: 1,
  workerId: 'crash-after-upload',
  pollMs: 20,
});
await worker.start();
