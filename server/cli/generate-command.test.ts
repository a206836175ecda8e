import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ASSET_TYPES, CATALOGUE } from '../catalogue/index.js';
import { FakeGeminiServer } from '../testing/fake-gemini-server.js';
import { main } from './generate-command.js';

describe('npm run generate', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'generate-cli-'));
    vi.spyOn(console, 'log').mockImplementation(() => {});
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await rm(dir, { recursive: true, force: true });
  });

  it('writes every catalogue file of all ten types', async () => {
    const out = join(dir, 'all');
    for (const type of ASSET_TYPES) {
      expect(await main(['--type', type, '--prompt', 'a cat in sunglasses', '--out', out])).toBe(0);
    }
    const expected = ASSET_TYPES.flatMap((type) =>
      CATALOGUE[type].sizes.map((s) => `${type}-${s.width}x${s.height}.png`),
    );
    expect((await readdir(out)).sort()).toEqual(expected.sort());
    for (const type of ASSET_TYPES) {
      for (const size of CATALOGUE[type].sizes) {
        const meta = await sharp(join(out, `${type}-${size.width}x${size.height}.png`)).metadata();
        expect([meta.width, meta.height, meta.hasAlpha]).toEqual([
          size.width,
          size.height,
          CATALOGUE[type].transparent,
        ]);
      }
    }
  }, 60_000);

  it('uses a brand kit file', async () => {
    const kit = join(dir, 'kit.json');
    await writeFile(
      kit,
      JSON.stringify({
        name: 'Ocean',
        colors: { primary: '#0066ff', secondary: '#002244', accent: '#00ddcc' },
      }),
    );
    expect(
      await main(['--type', 'panel', '--prompt', 'Schedule', '--out', join(dir, 'kit'), '--brand-kit', kit]),
    ).toBe(0);
    const { dominant } = await sharp(join(dir, 'kit', 'panel-320x160.png')).stats();
    expect(dominant.b).toBeGreaterThan(dominant.r);
  });

  it('uses Gemini when GEMINI_API_KEY is set', async () => {
    const fake = await FakeGeminiServer.start({ apiKey: 'cli-key' });
    const saved = { ...process.env };
    Object.assign(process.env, { GEMINI_API_KEY: 'cli-key', GEMINI_BASE_URL: fake.url });
    try {
      expect(await main(['--type', 'sub_badge', '--prompt', 'a star', '--out', join(dir, 'gemini')])).toBe(0);
      expect(fake.requests).toHaveLength(1);
      expect(fake.requests[0]).toMatchObject({ apiKey: 'cli-key', aspectRatio: '1:1' });
      expect((await readdir(join(dir, 'gemini'))).sort()).toEqual([
        'sub_badge-18x18.png',
        'sub_badge-36x36.png',
        'sub_badge-72x72.png',
      ]);
    } finally {
      process.env = saved;
      await fake.close();
    }
  });

  describe('as a process', () => {
    const run = async (...args: string[]) => {
      try {
        const { stdout, stderr } = await promisify(execFile)(
          'npx',
          ['tsx', 'server/cli/generate.ts', ...args],
          {
            cwd: join(import.meta.dirname, '../..'),
          },
        );
        return { code: 0, stdout, stderr };
      } catch (error) {
        const e = error as { code: number; stdout: string; stderr: string };
        return { code: e.code, stdout: e.stdout, stderr: e.stderr };
      }
    };
    const errorLines = (stderr: string) => stderr.split('\n').filter((line) => line.startsWith('error:'));

    it.each([
      ['an unknown type', ['--type', 'poster', '--prompt', 'x'], /unknown asset type "poster"/],
      ['an empty prompt', ['--type', 'emote', '--prompt', ''], /prompt is empty/],
      ['an oversized prompt', ['--type', 'emote', '--prompt', 'y'.repeat(501)], /500/],
      [
        'an unreadable brand kit',
        ['--type', 'emote', '--prompt', 'x', '--brand-kit', '/nonexistent/kit.json'],
        /cannot read brand kit/,
      ],
    ])(
      'exits 2 with a one-line error for %s',
      async (_, args, message) => {
        const result = await run(...args, '--out', join(dir, 'bad'));
        expect(result.code).toBe(2);
        expect(errorLines(result.stderr)).toHaveLength(1);
        expect(errorLines(result.stderr)[0]).toMatch(message);
        expect(result.stderr).not.toMatch(/\n\s+at /);
      },
      30_000,
    );

    it('exits 2 for a brand kit that breaks the schema', async () => {
      const kit = join(dir, 'broken.json');
      await writeFile(kit, JSON.stringify({ name: 'x', colors: { primary: 'blue' } }));
      const result = await run('--type', 'emote', '--prompt', 'x', '--out', dir, '--brand-kit', kit);
      expect(result.code).toBe(2);
      expect(errorLines(result.stderr)[0]).toMatch(/colors\.primary/);
    }, 30_000);
  });
});
