/**
 * A server process for the file crash test: it runs deletes and visibility changes from OPS
 * (JSON) against DATABASE_URL and DATA_DIR, and kills itself with SIGKILL just before storage
 * write number CRASH_AT (counting from 0), or prints `done` when it gets through them all.
 */
import type { Caller } from '../auth/caller.js';
import { loadConfig } from '../config/index.js';
import { openPostgres } from '../db/open-database.js';
import { EventHub } from '../events/event-hub.js';
import { createLogger } from '../logging/logger.js';
import { HotReads } from '../read-cache/index.js';
import { createStorage } from '../storage/create-storage.js';
import type { StorageDriver } from '../storage/storage-driver.js';
import { changeVisibility, deleteAsset } from '../use-cases/index.js';

export interface FileOp {
  readonly op: 'publish' | 'hide' | 'delete';
  readonly assetId: string;
  readonly channelId: string;
}

const WRITES = new Set<PropertyKey>(['put', 'move', 'remove']);

const crashAt = Number(process.env.CRASH_AT);
const ops = JSON.parse(process.env.OPS!) as FileOp[];
const database = await openPostgres(process.env.DATABASE_URL!, { max: 2 });
const real = createStorage(
  { storage: { driver: 'local' }, dataDir: process.env.DATA_DIR!, publicBaseUrl: 'http://127.0.0.1' },
  { signingKey: Buffer.alloc(32, 1) },
);
let writes = 0;
const storage = new Proxy(real, {
  get(target, property) {
    const value = Reflect.get(target, property, target);
    if (typeof value !== 'function') return value;
    if (!WRITES.has(property)) return value.bind(target);
    return (...args: unknown[]) => {
      if (writes++ === crashAt) process.kill(process.pid, 'SIGKILL');
      return value.apply(target, args);
    };
  },
}) as StorageDriver;
const services = {
  database,
  storage,
  jobs: { wake() {} },
  logger: createLogger('silent'),
  limits: loadConfig({}).limits,
  // Nothing reads here: a hub that never starts announces nothing.
  reads: new HotReads(new EventHub(database)),
};

for (const { op, assetId, channelId } of ops) {
  const caller: Caller = {
    channelId,
    role: 'broadcaster',
    userId: null,
    principal: 'twitch:crash-test',
    via: 'extension_jwt',
  };
  if (op === 'delete') await deleteAsset(services, caller, assetId);
  else await changeVisibility(services, caller, assetId, op === 'publish' ? 'public' : 'private');
}
process.stdout.write('done\n');
await database.close();
