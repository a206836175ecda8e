import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BRAND_KIT } from '../../../server/brand/brand-kit.js';
import { brandKit } from '../testing/fixtures.js';
import {
  formFromKit,
  inputFromForm,
  NEW_KIT_VALUES,
  newKitForm,
  patchFromForm,
  splitList,
} from './brand-kit-form-state.js';

describe('splitList', () => {
  it('trims each entry and drops the empty ones', () => {
    expect(splitList(' Inter ,, Bangers,  ,')).toEqual(['Inter', 'Bangers']);
    expect(splitList('   ')).toEqual([]);
  });
});

describe('a new kit', () => {
  it('starts from the built-in default kit jobs use until one is saved', () => {
    expect(NEW_KIT_VALUES).toEqual(DEFAULT_BRAND_KIT);
  });

  it('is sent with every field, lists split, and the empty logo description left out', () => {
    const form = { ...newKitForm(true), fonts: 'Inter, Bangers,', logoDescription: '  ' };
    expect(inputFromForm(form)).toEqual({
      name: 'Streamer Studio',
      colors: { primary: '#9146ff', secondary: '#1f1f23', accent: '#ffb31a' },
      fonts: ['Inter', 'Bangers'],
      tone: 'playful and upbeat',
      styleWords: ['bold outlines', 'flat colours', 'clean shapes'],
      active: true,
    });
  });
});

describe('patchFromForm', () => {
  const kit = brandKit({ logoDescription: 'a fox', active: false });

  it('sends nothing when nothing changed', () => {
    expect(patchFromForm(kit, formFromKit(kit))).toEqual({});
  });

  it('sends only the changed fields, trimmed', () => {
    const form = { ...formFromKit(kit), name: ' New name ', tone: kit.tone, fonts: 'Baloo 2, Inter' };
    expect(patchFromForm(kit, form)).toEqual({ name: 'New name', fonts: ['Baloo 2', 'Inter'] });
  });

  it('sends the three colours together, lower-cased, when one changed', () => {
    const form = formFromKit(kit);
    expect(patchFromForm(kit, { ...form, colors: { ...form.colors, accent: ' #ABCDEF' } })).toEqual({
      colors: { ...kit.colors, accent: '#abcdef' },
    });
  });

  it('sees a colour typed in capitals as unchanged', () => {
    const form = formFromKit(kit);
    const primary = kit.colors.primary.toUpperCase();
    expect(patchFromForm(kit, { ...form, colors: { ...form.colors, primary } })).toEqual({});
  });

  it('clears a removed logo description with an empty string', () => {
    expect(patchFromForm(kit, { ...formFromKit(kit), logoDescription: ' ' })).toEqual({
      logoDescription: '',
    });
  });

  it('sends the active flag when it was switched', () => {
    expect(patchFromForm(kit, { ...formFromKit(kit), active: true })).toEqual({ active: true });
  });

  it('finds nothing changed in any kit’s own form', () => {
    const text = (max: number) =>
      fc
        .string({ minLength: 1, maxLength: max })
        .map((s) => s.replace(/,/g, '').trim())
        .filter(Boolean);
    const hex = fc.integer({ min: 0, max: 0xffffff }).map((n) => `#${n.toString(16).padStart(6, '0')}`);
    fc.assert(
      fc.property(
        fc.record({
          name: text(60),
          colors: fc.record({ primary: hex, secondary: hex, accent: hex }),
          fonts: fc.array(text(60), { maxLength: 4 }),
          tone: fc.string({ maxLength: 120 }).map((s) => s.trim()),
          styleWords: fc.array(text(40), { maxLength: 12 }),
          logoDescription: fc.option(text(300), { nil: undefined }),
          active: fc.boolean(),
        }),
        (values) => {
          const saved = brandKit(values);
          expect(patchFromForm(saved, formFromKit(saved))).toEqual({});
        },
      ),
      { numRuns: 200 },
    );
  });
});
