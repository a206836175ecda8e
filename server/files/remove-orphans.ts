import type { Db } from '../db/database.js';
import type { StorageDriver } from '../storage/storage-driver.js';
import type { Visibility } from '../vocabulary/index.js';
import { forgetOrphans, type Orphan } from './orphan-file-store.js';

const SIDES: readonly Visibility[] = ['public', 'private'];

/**
 * Removes orphaned files from storage, then forgets them. Safe to repeat and to run from several
 * processes at once: removing a file that is already gone is not an error.
 */
export async function removeOrphans(
  db: Db,
  storage: StorageDriver,
  orphans: readonly Orphan[],
): Promise<void> {
  if (orphans.length === 0) return;
  for (const side of SIDES) {
    const keys = orphans
      .filter((orphan) => orphan.visibility === null || orphan.visibility === side)
      .map((orphan) => orphan.storageKey);
    if (keys.length > 0) await storage.remove(keys, side);
  }
  await forgetOrphans(
    db,
    orphans.map((orphan) => orphan.storageKey),
  );
}
