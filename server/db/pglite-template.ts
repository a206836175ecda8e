import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { MIGRATIONS_FOLDER } from './migrations-folder.js';
import { PGLITE_START_PARAMS } from './pglite-start-params.js';
import { TEMPLATE_CACHE, templatePath } from './pglite-template-path.js';
import * as schema from './schema.js';
import { extractTar, TarError } from './untar.js';

export { TEMPLATE_CACHE, templatePath } from './pglite-template-path.js';

/** The template's tar, or null when there is none or it is damaged (gunzip checks its CRC and length). */
export async function readTemplate(path: string): Promise<Uint8Array<ArrayBuffer> | null> {
  const packed = await readFile(path).catch(() => null);
  if (!packed) return null;
  return promisify(gunzip)(packed).catch(() => null);
}

/** Migrates a new in-memory PGlite (initdb: seconds and ~600 MB at its peak) and returns its data dir as a tar. */
export async function makeTemplate(): Promise<Uint8Array<ArrayBuffer>> {
  const client = new PGlite({ startParams: [...PGLITE_START_PARAMS] });
  try {
    await migrate(drizzle({ client, schema }), { migrationsFolder: MIGRATIONS_FOLDER });
    // Written to the data files now, so opening a copy has no WAL to replay.
    await client.exec('checkpoint');
    return new Uint8Array(await (await client.dumpDataDir('none')).arrayBuffer());
  } finally {
    await client.close();
  }
}

/**
 * Stores `tar` at `path`, written aside and renamed so a concurrent reader sees all of a file or
 * none. Best effort: without a writable cache every fresh data dir runs initdb, as before.
 */
export async function saveTemplate(path: string, tar: Uint8Array): Promise<void> {
  const partial = `${path}.${randomBytes(4).toString('hex')}`;
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(partial, await promisify(gzip)(tar));
    await rename(partial, path);
  } catch {
    await rm(partial, { force: true });
  }
}

/** The current template's tar, made and stored first if it is missing or damaged. */
export async function loadOrMakeTemplate(cache = TEMPLATE_CACHE): Promise<Uint8Array<ArrayBuffer>> {
  const path = await templatePath(cache);
  const found = await readTemplate(path);
  if (found) return found;
  const made = await makeTemplate();
  await saveTemplate(path, made);
  return made;
}

/**
 * Unpacks `tar` as the data dir `directory` (which must not exist yet or be empty): into a
 * folder beside it first, renamed when whole, so a crash never leaves half a data dir that
 * PGlite would take for a database.
 */
export async function seedDataDir(tar: Uint8Array, directory: string): Promise<void> {
  const partial = `${directory}.partial-${randomBytes(4).toString('hex')}`;
  try {
    await extractTar(tar, partial);
    for (const required of ['PG_VERSION', join('global', 'pg_control')])
      if (!(await stat(join(partial, required)).catch(() => null)))
        throw new TarError(`the template has no ${required}`);
    // An empty folder left by an older start: rename cannot replace it on Windows. rmdir keeps a full one.
    await rmdir(directory).catch(() => {});
    await rename(partial, directory);
  } finally {
    await rm(partial, { recursive: true, force: true });
  }
}
