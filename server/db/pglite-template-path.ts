import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MIGRATIONS_FOLDER } from './migrations-folder.js';

/** Where templates are kept: npm's usual cache folder, which survives reboots and `npm run build`. */
export const TEMPLATE_CACHE = fileURLToPath(
  new URL('../../node_modules/.cache/streamer-studio/', import.meta.url),
);

async function pgliteVersion(): Promise<string> {
  // The package does not export its package.json; it sits one folder above the entry point.
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const manifest = JSON.parse(await readFile(join(dirname(entry), '..', 'package.json'), 'utf8'));
  return String(manifest.version);
}

/** Every file of the migrations folder (SQL and drizzle's journal), so any change makes a new key. */
async function migrationsDigest(): Promise<string> {
  const hash = createHash('sha256');
  const files = (await readdir(MIGRATIONS_FOLDER, { recursive: true })).sort();
  for (const file of files) {
    const path = join(MIGRATIONS_FOLDER, file);
    if ((await stat(path)).isFile()) hash.update(`${file}\n`).update(await readFile(path));
  }
  return hash.digest('hex').slice(0, 16);
}

/** The template's file for this PGlite and these migrations: a template made under others is never read. */
export async function templatePath(cache = TEMPLATE_CACHE): Promise<string> {
  return join(cache, `pglite-${await pgliteVersion()}-${await migrationsDigest()}.tar.gz`);
}
