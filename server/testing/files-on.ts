import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** Every file under a local storage root, as `<side>/<key>`, sorted; none when the root does not exist. */
export async function filesOn(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .sort();
}
