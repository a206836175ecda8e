import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Asset, StudioStreamEvent } from '../../../client/index.js';
import { asset } from '../testing/fixtures.js';
import {
  type AssetFilter,
  appendPage,
  applyAssetEvent,
  EMPTY_LIST,
  type GalleryList,
  newestFirst,
} from './gallery-list.js';

const publicOnly: AssetFilter = (item) => item.visibility === 'public';
const at = (minute: number, overrides: Partial<Asset> = {}) =>
  asset({
    visibility: 'public',
    createdAt: `2026-12-01T18:${String(minute).padStart(2, '0')}:00.000Z`,
    ...overrides,
  });
const created = (data: Asset): StudioStreamEvent => ({ id: '1', type: 'asset.created', data });
const updated = (data: Asset): StudioStreamEvent => ({ id: '1', type: 'asset.updated', data });
const hidden = (id: string): StudioStreamEvent => ({
  id: '1',
  type: 'asset.updated',
  data: { id, visibility: 'private' },
});
const deleted = (id: string): StudioStreamEvent => ({ id: '1', type: 'asset.deleted', data: { id } });
const ids = (list: GalleryList) => list.items.map((item) => item.id);

describe('applyAssetEvent', () => {
  const [newer, older] = [at(40), at(20)];
  const shown: GalleryList = { items: [newer, older], nextCursor: null };

  it('places a newly public asset by when it was made', () => {
    const between = at(30);
    expect(ids(applyAssetEvent(shown, updated(between), publicOnly))).toEqual([
      newer.id,
      between.id,
      older.id,
    ]);
    const newest = at(50);
    expect(ids(applyAssetEvent(shown, created(newest), publicOnly))[0]).toBe(newest.id);
  });

  it('replaces an asset already shown rather than showing it twice', () => {
    const renamed = { ...older, jobId: 'another' };
    const next = applyAssetEvent(
      applyAssetEvent(shown, created(renamed), publicOnly),
      updated(renamed),
      publicOnly,
    );
    expect(ids(next)).toEqual([newer.id, older.id]);
    expect(next.items[1]).toBe(renamed);
  });

  it('removes an asset that was hidden or deleted, and ignores ids it does not show', () => {
    expect(ids(applyAssetEvent(shown, hidden(newer.id), publicOnly))).toEqual([older.id]);
    expect(ids(applyAssetEvent(shown, deleted(older.id), publicOnly))).toEqual([newer.id]);
    expect(applyAssetEvent(shown, hidden('unknown'), publicOnly)).toBe(shown);
    expect(applyAssetEvent(shown, deleted('unknown'), publicOnly)).toBe(shown);
  });

  it('never lets a private asset into a public gallery, and drops a shown one that turns private', () => {
    const secret = at(50, { visibility: 'private' });
    expect(applyAssetEvent(shown, created(secret), publicOnly)).toBe(shown);
    expect(ids(applyAssetEvent(shown, updated({ ...newer, visibility: 'private' }), publicOnly))).toEqual([
      older.id,
    ]);
  });

  it('leaves a new asset older than all shown to the page that holds it, while pages remain', () => {
    const oldest = at(10);
    const paged = { ...shown, nextCursor: 'next' };
    expect(applyAssetEvent(paged, updated(oldest), publicOnly)).toBe(paged);
    expect(ids(applyAssetEvent(shown, updated(oldest), publicOnly)).at(-1)).toBe(oldest.id);
    const refreshed = { ...older, jobId: 'another' };
    expect(applyAssetEvent(paged, updated(refreshed), publicOnly).items.at(-1)).toBe(refreshed);
  });

  it('ignores job events', () => {
    const job = { id: '1', type: 'job.queued', data: {} } as StudioStreamEvent;
    expect(applyAssetEvent(shown, job, publicOnly)).toBe(shown);
  });
});

describe('appendPage', () => {
  it('adds the next page after the shown assets, each id once, only those the filter accepts', () => {
    const [a, b, c] = [at(40), at(30), at(20)];
    const secret = at(25, { visibility: 'private' });
    const first = appendPage(EMPTY_LIST, { items: [a, b], nextCursor: 'page-2' }, publicOnly);
    const next = appendPage(first, { items: [b, secret, c], nextCursor: null }, publicOnly);
    expect(ids(next)).toEqual([a.id, b.id, c.id]);
    expect(next.nextCursor).toBeNull();
  });
});

describe('a gallery fed any events', () => {
  const pool = [at(10), at(20), at(20), at(30, { visibility: 'private' }), at(40, { assetType: 'panel' })];
  const event = fc.oneof(
    fc.constantFrom(...pool).map(created),
    fc.constantFrom(...pool).map((item) => updated({ ...item, visibility: 'public' })),
    fc.constantFrom(...pool).map((item) => hidden(item.id)),
    fc.constantFrom(...pool).map((item) => deleted(item.id)),
  );

  it('stays newest first, each id once, public only, and the same when every event arrives twice', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 30 }), fc.boolean(), (events, paged) => {
        const start: GalleryList = { items: [], nextCursor: paged ? 'next' : null };
        const once = events.reduce((list, e) => applyAssetEvent(list, e, publicOnly), start);
        const twice = events.reduce(
          (list, e) => applyAssetEvent(applyAssetEvent(list, e, publicOnly), e, publicOnly),
          start,
        );
        expect(twice.items).toEqual(once.items);
        expect([...once.items].sort(newestFirst)).toEqual(once.items);
        expect(new Set(ids(once)).size).toBe(once.items.length);
        expect(once.items.every(publicOnly)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
