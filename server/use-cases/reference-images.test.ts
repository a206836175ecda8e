import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../auth/caller.js';
import { orphanFiles, referenceImages } from '../db/schema.js';
import { FileReconciler } from '../files/index.js';
import type { StorageDriver } from '../storage/storage-driver.js';
import { filesOn } from '../testing/files-on.js';
import { createTestStudio, type TestStudio } from '../testing/test-studio.js';
import { removeReferenceImage, uploadReferenceImage } from './reference-images.js';
import type { Services } from './services.js';

/**
 * What a crash mid-way leaves: a process that dies right after a storage write never reaches the
 * code after it, so each test stops the use case there (a throwing storage call) and lets the
 * reconciler find what was left.
 */
let studio: TestStudio;
beforeAll(async () => {
  studio = await createTestStudio({ worker: false });
});
afterAll(() => studio.close());

const caller = (channelId: string): Caller => ({
  channelId,
  role: 'broadcaster',
  userId: null,
  principal: 'twitch:crash',
  via: 'extension_jwt',
});

/** The studio's services, with one storage call made to "crash" after (or instead of) doing its work. */
function crashing(method: 'put' | 'remove', after: boolean): Services {
  const real = studio.storage;
  const storage = new Proxy(real, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      if (property !== method) return value.bind(target);
      return async (...args: unknown[]) => {
        if (after) await value.apply(target, args);
        throw new Error('process died');
      };
    },
  }) as StorageDriver;
  return { ...studio.deps, storage };
}

const referenceFiles = async () =>
  (await filesOn(studio.dataDir)).filter((file) => file.includes('references/'));
const reconcileAt = (at: Date) =>
  new FileReconciler(
    { database: studio.database, storage: studio.storage, logger: studio.deps.logger },
    { now: () => at },
  ).reconcile();
const png = () =>
  sharp({ create: { width: 8, height: 8, channels: 3, background: '#112233' } })
    .png()
    .toBuffer();

describe('reference image files after a crash', () => {
  it('a crash after the file is written and before its row: the file is swept once the upload grace has passed', async () => {
    const before = await referenceFiles();
    await expect(
      uploadReferenceImage(crashing('put', true), caller('crash-upload'), {
        data: await png(),
        label: 'cat',
      }),
    ).rejects.toThrow('process died');
    const left = (await referenceFiles()).filter((file) => !before.includes(file));
    expect(left).toHaveLength(1);
    expect(
      await studio.database.db
        .select()
        .from(referenceImages)
        .where(eq(referenceImages.channelId, 'crash-upload')),
    ).toEqual([]);

    // Not yet: an upload still writing its file must not lose it to the sweep.
    await reconcileAt(new Date(Date.now() + 60_000));
    expect(await referenceFiles()).toContain(left[0]);
    await reconcileAt(new Date(Date.now() + 11 * 60_000));
    expect(await referenceFiles()).not.toContain(left[0]);
  });

  it('a crash after the row is deleted and before the file is: the reconciler removes the file at once', async () => {
    const made = await uploadReferenceImage(studio.deps, caller('crash-delete'), {
      data: await png(),
      label: 'cat',
    });
    await removeReferenceImage(crashing('remove', false), caller('crash-delete'), made.id);
    expect(await studio.storage.read(made.storageKey, 'private')).not.toBeNull();
    expect(
      await studio.database.db.select().from(orphanFiles).where(eq(orphanFiles.storageKey, made.storageKey)),
    ).toHaveLength(1);
    await reconcileAt(new Date());
    expect(await studio.storage.read(made.storageKey, 'private')).toBeNull();
  });
});
