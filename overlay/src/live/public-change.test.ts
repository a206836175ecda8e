import { describe, expect, it } from 'vitest';
import { asset, job } from '../../../extension/src/testing/fixtures.js';
import { publicChange } from './public-change.js';

describe('what an event means for the overlay', () => {
  it('shows an asset created public', () => {
    const created = asset({ visibility: 'public' });
    expect(publicChange({ id: '1', type: 'asset.created', data: created })).toEqual({
      kind: 'public',
      asset: created,
    });
  });

  it('ignores an asset created private', () => {
    expect(
      publicChange({ id: '1', type: 'asset.created', data: asset({ visibility: 'private' }) }),
    ).toBeNull();
  });

  it('shows an asset published later', () => {
    const published = asset({ visibility: 'public' });
    expect(publicChange({ id: '1', type: 'asset.updated', data: published })).toEqual({
      kind: 'public',
      asset: published,
    });
  });

  it('takes away an asset hidden, whether the event carries all of it or only its id', () => {
    const hidden = asset({ visibility: 'private' });
    expect(publicChange({ id: '1', type: 'asset.updated', data: hidden })).toEqual({
      kind: 'gone',
      assetId: hidden.id,
    });
    expect(
      publicChange({ id: '2', type: 'asset.updated', data: { id: 'x', visibility: 'private' } }),
    ).toEqual({
      kind: 'gone',
      assetId: 'x',
    });
  });

  it('takes away an asset deleted', () => {
    expect(publicChange({ id: '1', type: 'asset.deleted', data: { id: 'x' } })).toEqual({
      kind: 'gone',
      assetId: 'x',
    });
  });

  it('ignores job events', () => {
    expect(publicChange({ id: '1', type: 'job.completed', data: job({ status: 'completed' }) })).toBeNull();
  });
});
