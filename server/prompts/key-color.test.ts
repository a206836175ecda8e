import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BRAND_KIT, palette } from '../brand/index.js';
import { InvalidInputError } from '../errors/index.js';
import { chooseKeyColor, colorDistance, KEY_COLOR_CANDIDATES } from './key-color.js';

const hex = fc.integer({ min: 0, max: 0xffffff }).map((n) => `#${n.toString(16).padStart(6, '0')}`);

const clearance = (key: string, colors: string[]) => Math.min(...colors.map((c) => colorDistance(key, c)));

describe('chooseKeyColor', () => {
  it('keeps chroma green for the default purple brand', () => {
    expect(chooseKeyColor(palette(DEFAULT_BRAND_KIT))).toBe('#00ff00');
  });

  it('avoids green for a green brand', () => {
    const key = chooseKeyColor(['#22cc44', '#0b3d1a', '#ffffff']);
    expect(key).not.toBe('#00ff00');
    expect(KEY_COLOR_CANDIDATES).toContain(key);
  });

  it('avoids magenta as well when a brand uses green and magenta', () => {
    expect(chooseKeyColor(['#00ff00', '#ff00ff', '#101010'])).not.toMatch(/^#(00ff00|ff00ff)$/);
  });

  it('falls back to the first candidate for an empty palette', () => {
    expect(chooseKeyColor([])).toBe(KEY_COLOR_CANDIDATES[0]);
  });

  it('refuses a colour that is not #rrggbb', () => {
    expect(() => chooseKeyColor(['purple'])).toThrow(InvalidInputError);
  });

  it('measures perceptual distance: black and white are 100 apart, a colour is 0 from itself', () => {
    expect(colorDistance('#000000', '#ffffff')).toBeCloseTo(100, 1);
    expect(colorDistance('#9146ff', '#9146FF')).toBe(0);
  });

  it('picks the candidate farthest from its nearest brand colour (property)', () => {
    fc.assert(
      fc.property(fc.array(hex, { minLength: 1, maxLength: 6 }), (colors) => {
        const chosen = chooseKeyColor(colors);
        for (const candidate of KEY_COLOR_CANDIDATES) {
          expect(clearance(chosen, colors)).toBeGreaterThanOrEqual(clearance(candidate, colors));
        }
      }),
      { numRuns: 200 },
    );
  });
});
