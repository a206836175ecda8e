import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { insertAsset } from '../assets/asset-store.js';
import { describePostgres } from '../db/describe-each-database.js';
import { assetFiles, assetMoves, assets, jobs, orphanFiles } from '../db/schema.js';
import { resetDatabase } from '../db/test-database.js';
import { createLogger } from '../logging/logger.js';
import { createStorage } from '../storage/create-storage.js';
import type { FileOp } from '../testing/crashing-file-ops.js';
import { filesOn } from '../testing/files-on.js';
import type { Visibility } from '../vocabulary/index.js';
import { FileReconciler } from './file-reconciler.js';

const CHANNEL = 'crash';

/** Runs the ops in a child process that SIGKILLs itself before storage write `crashAt`; true if it finished. */
function runUntilCrash(env: Record<string, string>, crashAt: number): Promise<boolean> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, '../testing/crashing-file-ops.ts')],
    { env: { ...process.env, ...env, CRASH_AT: String(crashAt) }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  return new Promise((resolve, reject) =>
    child.once('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(false);
      else if (code === 0 && out.includes('done')) resolve(true);
      else reject(new Error(`the ops process exited with ${code ?? signal}`));
    }),
  );
}

describePostgres('files after a kill -9 during deletes and visibility changes', ({ db, database }) => {
  it('match the rows after a restart, with nothing private ever public and nothing orphaned', async () => {
    const rounds: { crashAt: number; finished: boolean }[] = [];
    for (let crashAt = 0; ; crashAt++) {
      await resetDatabase(db());
      const dataDir = await mkdtemp(join(tmpdir(), 'crash-files-'));
      const root = join(dataDir, 'assets');
      const storage = createStorage(
        { storage: { driver: 'local' }, dataDir, publicBaseUrl: 'http://127.0.0.1' },
        { signingKey: Buffer.alloc(32, 1) },
      );
      try {
        const made = async (visibility: Visibility) => {
          const id = randomUUID();
          const files = [112, 56].map((edge) => ({
            width: edge,
            height: edge,
            bytes: 4,
            contentType: 'image/png',
            storageKey: `assets/${id}/${edge}x${edge}.png`,
          }));
          for (const file of files)
            await storage.put({
              key: file.storageKey,
              data: Buffer.from('png!'),
              contentType: 'image/png',
              visibility,
            });
          // The kept source lives privately whatever the asset's visibility, and never moves.
          const source = { storageKey: `assets/${id}/source.png`, contentType: 'image/png' };
          await storage.put({
            key: source.storageKey,
            data: Buffer.from('png!'),
            contentType: 'image/png',
            visibility: 'private',
          });
          const jobId = randomUUID();
          await db().insert(jobs).values({
            id: jobId,
            channelId: CHANNEL,
            assetType: 'emote',
            prompt: 'x',
            visibility,
            status: 'completed',
          });
          return insertAsset(db(), {
            id,
            jobId,
            channelId: CHANNEL,
            assetType: 'emote',
            visibility,
            files,
            source,
          });
        };
        const [toPublish, toHide, toDeletePublic, toDeletePrivate] = [
          await made('private'),
          await made('public'),
          await made('public'),
          await made('private'),
        ];
        const ops: FileOp[] = [
          { op: 'publish', assetId: toPublish!.id, channelId: CHANNEL },
          { op: 'hide', assetId: toHide!.id, channelId: CHANNEL },
          { op: 'delete', assetId: toDeletePublic!.id, channelId: CHANNEL },
          { op: 'delete', assetId: toDeletePrivate!.id, channelId: CHANNEL },
        ];
        const finished = await runUntilCrash(
          { DATABASE_URL: database().url!, DATA_DIR: dataDir, OPS: JSON.stringify(ops) },
          crashAt,
        );
        rounds.push({ crashAt, finished });

        // Right after the crash: no row that says private has a file on the public side.
        const rowsAt = async () => {
          const rows = await db().select().from(assets);
          const files = await db().select().from(assetFiles);
          return rows.map((row) => ({
            ...row,
            keys: files.filter((f) => f.assetId === row.id).map((f) => f.storageKey),
          }));
        };
        const onDisk = new Set(await filesOn(root));
        for (const row of await rowsAt())
          if (row.visibility === 'private')
            for (const key of row.keys)
              expect(onDisk.has(`public/${key}`), `crashAt ${crashAt}: ${key}`).toBe(false);

        // The restart: the reconciler's first pass finishes whatever the crash cut short.
        await new FileReconciler({ database: database(), storage, logger: createLogger('silent') }).reconcile(
          {
            moveGraceMs: 0,
          },
        );
        const rows = await rowsAt();
        const expected = rows
          .flatMap((row) => [
            ...row.keys.map((key) => `${row.visibility}/${key}`),
            ...(row.sourceKey ? [`private/${row.sourceKey}`] : []),
          ])
          .sort();
        expect(await filesOn(root), `crashAt ${crashAt}`).toEqual(expected);
        expect(await db().select().from(assetMoves)).toEqual([]);
        expect(await db().select().from(orphanFiles)).toEqual([]);
        // What was asked for before the crash stands: an op whose intent committed was finished.
        const byId = new Map(rows.map((row) => [row.id, row.visibility]));
        if (finished) {
          expect(byId.get(toPublish!.id)).toBe('public');
          expect(byId.get(toHide!.id)).toBe('private');
          expect(byId.has(toDeletePublic!.id) || byId.has(toDeletePrivate!.id)).toBe(false);
        }
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
      if (finished(rounds)) break;
    }
    // A crash point before every storage write of every op, then one clean run: 8 writes in all.
    expect(rounds.map((round) => round.finished)).toEqual([...Array(8).fill(false), true]);
  }, 180_000);
});

function finished(rounds: readonly { finished: boolean }[]): boolean {
  return rounds.at(-1)?.finished === true;
}
