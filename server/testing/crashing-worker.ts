/**
 * A worker process for the durability test: it claims jobs from DATABASE_URL with a provider that
 * never answers, prints `claimed <job id>` and waits to be killed with SIGKILL mid-job.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPostgres } from '../db/open-database.js';
import { EventHub } from '../events/event-hub.js';
import { createLogger } from '../logging/logger.js';
import { loadPromptTemplates } from '../prompts/index.js';
import type { ImageProvider } from '../providers/index.js';
import { createStorage } from '../storage/create-storage.js';
import { JobWorker } from '../worker/job-worker.js';

const database = await openPostgres(process.env.DATABASE_URL!);
const provider: ImageProvider = {
  name: 'never',
  generate: () => new Promise(() => {}),
};
const worker = new JobWorker({
  database,
  storage: createStorage(
    {
      storage: { driver: 'local' },
      dataDir: await mkdtemp(join(tmpdir(), 'crash-')),
      publicBaseUrl: 'http://127.0.0.1',
    },
    { signingKey: Buffer.alloc(32, 1) },
  ),
  provider,
  templates: await loadPromptTemplates(),
  events: new EventHub(database),
  logger: createLogger('silent'),
  concurrency: 1,
  workerId: 'crashing-worker',
  pollMs: 20,
});
const original = provider.generate;
provider.generate = (request, options) => {
  process.stdout.write('claimed\n');
  return original(request, options);
};
await worker.start();
