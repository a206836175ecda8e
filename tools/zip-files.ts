import { zipSync } from 'fflate';

// DOS time in a zip has no zone and fflate reads it from a Date's local fields, so a date made
// from local fields gives the same bytes on every machine: the DOS epoch.
const FIXED_MTIME = new Date(1980, 0, 1, 0, 0, 0);

/** A zip of `files` (path → bytes) that depends on nothing else: sorted entries, fixed times, one level. */
export function zipFiles(files: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const paths = [...files.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return zipSync(
    Object.fromEntries(paths.map((path) => [path, [files.get(path)!, { mtime: FIXED_MTIME, level: 9 }]])),
  );
}
