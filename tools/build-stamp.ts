import { createHash } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { EXTENSION_DIST, ROOT } from './dist-paths.js';

const STAMP = '.build-stamp.json';

/** A digest of every source the last build read (path, size, mtime): unchanged sources need no build. */
async function fingerprint(modules: readonly string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const file of modules) {
    const info = await stat(file).catch(() => null);
    hash.update(`${relative(ROOT, file)}:${info ? `${info.size}:${Math.floor(info.mtimeMs)}` : 'missing'}\n`);
  }
  return hash.digest('hex');
}

/** True when `outDir` holds a build of the sources as they are now. */
export async function isFresh(outDir = EXTENSION_DIST): Promise<boolean> {
  try {
    const stamp = JSON.parse(await readFile(join(outDir, STAMP), 'utf8')) as {
      modules: string[];
      digest: string;
    };
    const modules = stamp.modules.map((file) => join(ROOT, file));
    return (await fingerprint(modules)) === stamp.digest;
  } catch {
    return false;
  }
}

/** Records `modules` (what a build read) and their state now in `outDir`, for `isFresh`. */
export async function writeBuildStamp(outDir: string, modules: readonly string[]): Promise<void> {
  const record = { modules: modules.map((file) => relative(ROOT, file)), digest: await fingerprint(modules) };
  await writeFile(join(outDir, STAMP), `${JSON.stringify(record)}\n`);
}
