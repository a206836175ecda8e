import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors/index.js';
import { pageSize, toPage } from './cursor.js';

describe('pages', () => {
  it('takes page sizes from 1 to 100 and defaults to 20', () => {
    expect(pageSize(undefined)).toBe(20);
    expect(pageSize(1)).toBe(1);
    expect(pageSize(100)).toBe(100);
    for (const bad of [0, 101, 2.5, -1, Number.NaN]) expect(() => pageSize(bad)).toThrow(InvalidInputError);
  });

  it('says where the next page starts only when the extra row shows there is one', () => {
    const rows = [1, 2, 3].map((n) => ({ createdAt: new Date(n * 1000), id: `r${n}`, n }));
    expect(toPage(rows, 2)).toEqual({
      items: rows.slice(0, 2),
      next: { createdAt: new Date(2000), id: 'r2' },
    });
    expect(toPage(rows, 3)).toEqual({ items: rows, next: null });
  });
});
