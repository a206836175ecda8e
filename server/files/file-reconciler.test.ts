import { expect, it } from 'vitest';
import { requestAssetMove } from '../assets/asset-store.js';
import { describeEachDatabase } from '../db/describe-each-database.js';
import { resetDatabase } from '../db/test-database.js';
import { createLogger } from '../logging/logger.js';
import { makeAsset } from '../testing/make-asset.js';
import { createTestStudio } from '../testing/test-studio.js';
import { FileReconciler } from './file-reconciler.js';

describeEachDatabase('file reconciler', ({ database }) => {
  it('finishes every other change when one asset’s storage keeps failing, and that one on a later pass', async () => {
    await resetDatabase(database().db);
    const studio = await createTestStudio({ database: database() });
    try {
      const [broken, fine] = [
        await makeAsset(studio, 'rec', { visibility: 'private' }),
        await makeAsset(studio, 'rec', { visibility: 'private' }),
      ];
      for (const asset of [broken, fine]) await requestAssetMove(database().db, asset.id, 'public');
      let failing = true;
      const storage = new Proxy(studio.storage, {
        get(target, property) {
          const value = Reflect.get(target, property, target);
          if (property === 'move')
            return async (key: string, from: 'public' | 'private', to: 'public' | 'private') => {
              if (failing && key.includes(broken.id)) throw new Error('the disk holding this asset is away');
              return target.move(key, from, to);
            };
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      const reconciler = new FileReconciler({
        database: database(),
        storage,
        logger: createLogger('silent'),
      });
      expect(await reconciler.reconcile({ moveGraceMs: 0 })).toMatchObject({ movesSettled: 1 });
      const read = async (id: string) =>
        (await (await studio.call(`/api/v1/assets/${id}`, { token: studio.token('rec') })).json()) as {
          visibility: string;
        };
      expect((await read(fine.id)).visibility).toBe('public');
      failing = false;
      expect(await reconciler.reconcile({ moveGraceMs: 0 })).toMatchObject({ movesSettled: 1 });
      expect((await studio.app.request(`/asset/${broken.id}`)).status).toBe(200);
    } finally {
      await studio.close();
    }
  });
});
