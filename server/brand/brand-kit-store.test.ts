import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../db/describe-each-database.js';
import { dueOrphans, recordOrphans } from '../files/orphan-file-store.js';
import { type BrandKit, DEFAULT_BRAND_KIT } from './brand-kit.js';
import {
  createBrandKit,
  deleteBrandKit,
  getActiveBrandKit,
  getBrandKit,
  listBrandKits,
  replaceBrandKitLogo,
  updateBrandKit,
} from './brand-kit-store.js';

const channel = () => `ch_${randomUUID().slice(0, 8)}`;
const kit = (name: string): BrandKit => ({ ...DEFAULT_BRAND_KIT, name });

describeEachDatabase('brand kit store', ({ db }) => {
  const activeNames = async (channelId: string) =>
    (await listBrandKits(db(), channelId)).filter((record) => record.active).map((record) => record.name);

  it("makes a channel's first kit active and leaves later ones inactive", async () => {
    const channelId = channel();
    const first = await createBrandKit(db(), channelId, kit('first'));
    const second = await createBrandKit(db(), channelId, kit('second'));
    expect(first).toMatchObject({ ...kit('first'), channelId, active: true, logo: null });
    expect(second.active).toBe(false);
    expect(await getActiveBrandKit(db(), channelId)).toEqual(first);
  });

  it('activating another kit deactivates the first', async () => {
    const channelId = channel();
    await createBrandKit(db(), channelId, kit('first'));
    const second = await createBrandKit(db(), channelId, kit('second'));
    await createBrandKit(db(), channelId, kit('third'));
    expect(await activeNames(channelId)).toEqual(['first']);

    await updateBrandKit(db(), channelId, second.id, { active: true });
    expect(await activeNames(channelId)).toEqual(['second']);

    const fourth = await createBrandKit(db(), channelId, { ...kit('fourth'), active: true });
    expect(fourth.active).toBe(true);
    expect(await activeNames(channelId)).toEqual(['fourth']);
  });

  it('keeps one active kit when kits are created concurrently', async () => {
    const channelId = channel();
    await Promise.all(
      ['a', 'b', 'c', 'd'].map((name) => createBrandKit(db(), channelId, { ...kit(name), active: true })),
    );
    expect(await activeNames(channelId)).toHaveLength(1);
    expect(await listBrandKits(db(), channelId)).toHaveLength(4);
  });

  it('updates only the fields given, on its own channel only', async () => {
    const channelId = channel();
    const created = await createBrandKit(db(), channelId, { ...kit('mine'), logoDescription: 'a fox' });
    expect(await updateBrandKit(db(), channel(), created.id, { name: 'stolen', active: true })).toBeNull();
    const updated = await updateBrandKit(db(), channelId, created.id, {
      tone: 'calm',
      colors: { primary: '#000000', secondary: '#111111', accent: '#222222' },
    });
    expect(updated).toMatchObject({ name: 'mine', tone: 'calm', logoDescription: 'a fox', active: true });
    expect(updated!.colors.primary).toBe('#000000');
    const cleared = await updateBrandKit(db(), channelId, created.id, { logoDescription: null });
    expect(cleared).not.toHaveProperty('logoDescription');
  });

  it('does not deactivate the channel kit when asked to activate a kit that is not there', async () => {
    const channelId = channel();
    await createBrandKit(db(), channelId, kit('first'));
    expect(await updateBrandKit(db(), channelId, randomUUID(), { active: true })).toBeNull();
    expect(await activeNames(channelId)).toEqual(['first']);
  });

  it('replaces a logo, claiming the new file and orphaning the old one in one step', async () => {
    const channelId = channel();
    const created = await createBrandKit(db(), channelId, kit('logo'));
    const first = { storageKey: `logos/${created.id}/1.png`, contentType: 'image/png', bytes: 1234 };
    const second = { storageKey: `logos/${created.id}/2.png`, contentType: 'image/png', bytes: 99 };
    await recordOrphans(db(), [{ storageKey: first.storageKey, visibility: 'private' }]);
    expect(await replaceBrandKitLogo(db(), channelId, created.id, first)).toMatchObject({
      kit: { logo: first },
      replaced: null,
    });
    expect(await replaceBrandKitLogo(db(), channelId, created.id, second)).toMatchObject({ replaced: first });
    expect((await getBrandKit(db(), channelId, created.id))?.logo).toEqual(second);
    const orphans = (await dueOrphans(db(), new Date())).filter((o) => o.storageKey.includes(created.id));
    expect(orphans).toEqual([{ storageKey: first.storageKey, visibility: 'private' }]);
    expect(await replaceBrandKitLogo(db(), channel(), created.id, first)).toBeNull();
  });

  it('deletes a kit and returns it', async () => {
    const channelId = channel();
    const created = await createBrandKit(db(), channelId, kit('gone'));
    expect(await deleteBrandKit(db(), channel(), created.id)).toBeNull();
    expect(await deleteBrandKit(db(), channelId, created.id)).toEqual(created);
    // No logo, so nothing to orphan.
    expect((await dueOrphans(db(), new Date())).filter((o) => o.storageKey.includes(created.id))).toEqual([]);
    expect(await getBrandKit(db(), channelId, created.id)).toBeNull();
    expect(await getActiveBrandKit(db(), channelId)).toBeNull();
  });
});
