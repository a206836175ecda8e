import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectApiError } from '../testing/expect-api-error.js';
import { createTestStudio, type TestStudio } from '../testing/test-studio.js';
import { findUnstorableText, isStorableText } from './storable-text.js';

describe('storable text', () => {
  it('refuses NUL and unpaired surrogates, and only those', () => {
    for (const bad of ['cat\u0000dog', '\ud800', 'a\udc00b', 'x\ud83d'])
      expect(isStorableText(bad), JSON.stringify(bad)).toBe(false);
    for (const good of ['', 'a cat in sunglasses', '😎 emoji pairs', 'ünïcødé', '\u202etext'])
      expect(isStorableText(good)).toBe(true);
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(isStorableText(text)).toBe(!text.includes('\u0000'));
      }),
      { numRuns: 300 },
    );
  });

  it('names the path of the first bad string in a JSON value, keys included', () => {
    expect(findUnstorableText({ name: 'ok', styleWords: ['fine', '\ud800'] })).toBe('styleWords.1');
    expect(findUnstorableText({ colors: { '\u0000': 1 } })).toBe('colors.(key)');
    expect(findUnstorableText('\u0000')).toBe('(body)');
    expect(findUnstorableText({ a: [1, true, null, { b: 'fine' }] })).toBeNull();
    expect(findUnstorableText({ a: ['ok', { '\ud800': 'x' }, '\u0000'], b: '\u0000' })).toBe('a.1.(key)');
  });

  it('walks JSON nested a hundred thousand deep without running out of stack', () => {
    const depth = 100_000;
    const deep = JSON.parse(`${'['.repeat(depth)}"\\u0000"${']'.repeat(depth)}`);
    expect(findUnstorableText(deep)).toBe(Array(depth).fill(0).join('.'));
    expect(findUnstorableText(JSON.parse(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`))).toBeNull();
  });
});

describe('text Postgres cannot store, sent to the API', () => {
  let studio: TestStudio;
  beforeAll(async () => {
    studio = await createTestStudio({ worker: false });
  });
  afterAll(() => studio.close());

  const kit = { name: 'Kit', colors: { primary: '#111111', secondary: '#222222', accent: '#333333' } };

  it.each([
    [
      'a NUL in a prompt',
      '/api/v1/generate',
      'POST',
      { assetType: 'emote', prompt: 'cat\u0000dog' },
      'prompt',
    ],
    ['a NUL in a brand kit name', '/api/v1/brand-kits', 'POST', { ...kit, name: 'a\u0000b' }, 'name'],
    ['a NUL in fonts', '/api/v1/brand-kits', 'POST', { ...kit, fonts: ['x\u0000'] }, 'fonts.0'],
    ['a NUL in tone', '/api/v1/brand-kits', 'POST', { ...kit, tone: '\u0000' }, 'tone'],
    [
      'a lone surrogate in styleWords',
      '/api/v1/brand-kits',
      'POST',
      { ...kit, styleWords: ['\ud800'] },
      'styleWords.0',
    ],
    ['a NUL in a token name', '/api/v1/tokens', 'POST', { name: 'over\u0000lay' }, 'name'],
  ])('answers 400 naming the field for %s, and stores nothing', async (_label, path, method, body, field) => {
    const channel = `text-${field.replace(/\W/g, '-')}`;
    const error = await expectApiError(
      await studio.call(path, { method, body, token: studio.token(channel) }),
      400,
      'INVALID_INPUT',
    );
    expect(error.message).toContain(field);
    expect(error.details).toEqual([expect.objectContaining({ path: field })]);
    for (const list of ['/api/v1/jobs', '/api/v1/brand-kits', '/api/v1/tokens']) {
      const page = (await (await studio.call(list, { token: studio.token(channel) })).json()) as {
        items: unknown[];
      };
      expect(page.items, list).toEqual([]);
    }
  });

  it('answers a body nested a hundred thousand deep with a 400, not a 500', async () => {
    const depth = 100_000;
    const response = await studio.call('/api/v1/channel', {
      method: 'PUT',
      token: studio.token('text-deep'),
      body: `{"allowModeratorGenerate":${'['.repeat(depth)}${']'.repeat(depth)}}`,
    });
    await expectApiError(response, 400, 'INVALID_INPUT');
  });

  it('answers 400 naming the query field for a NUL in a cursor or filter', async () => {
    for (const [query, field] of [
      ['cursor=%00', 'cursor'],
      ['status=queued%00', 'status'],
      ['cursor=%ED%A0%80', 'cursor'],
    ] as const) {
      const error = await expectApiError(
        await studio.call(`/api/v1/jobs?${query}`, { token: studio.token('text-query') }),
        400,
        'INVALID_INPUT',
      );
      expect(error.details, query).toEqual([expect.objectContaining({ path: field })]);
    }
  });
});
