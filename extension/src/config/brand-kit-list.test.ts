import { describe, expect, it } from 'vitest';
import { brandKit } from '../testing/fixtures.js';
import { preferredKit, withoutKit, withSaved } from './brand-kit-list.js';

describe('the kit list', () => {
  const a = brandKit({ name: 'a', active: true });
  const b = brandKit({ name: 'b', active: false });

  it('puts a changed kit in its old place', () => {
    const renamed = { ...b, name: 'b2' };
    expect(withSaved([a, b], renamed).map((kit) => kit.name)).toEqual(['a', 'b2']);
  });

  it('adds a new kit at the end', () => {
    const c = brandKit({ name: 'c', active: false });
    expect(withSaved([a, b], c)).toEqual([a, b, c]);
  });

  it('makes the others inactive when the saved kit is active', () => {
    const kits = withSaved([a, b], { ...b, active: true });
    expect(kits.map((kit) => [kit.name, kit.active])).toEqual([
      ['a', false],
      ['b', true],
    ]);
  });

  it('opens on the active kit, else the first, else none', () => {
    expect(preferredKit([b, a])).toBe(a);
    expect(preferredKit(withoutKit([b, a], a.id))).toBe(b);
    expect(preferredKit([])).toBeUndefined();
  });
});
