import { mkdtemp, readFile, rm, stat, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildExtensionStamped,
  buildOverlayStamped,
  isFresh,
  OVERLAY_PAGES,
  viewSizes,
} from './build-fronts.js';

const ROOT = resolve(import.meta.dirname, '..');

describe('building the front ends', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fronts-'));
    await buildExtensionStamped(join(dir, 'extension'));
    await buildOverlayStamped(join(dir, 'overlay'));
  }, 60_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('records what each build read, so an unchanged source tree needs no build', async () => {
    expect(await isFresh(join(dir, 'extension'))).toBe(true);
    expect(await isFresh(join(dir, 'overlay'))).toBe(true);
    expect(await isFresh(join(dir, 'nothing-built-here'))).toBe(false);
  });

  it('builds again once a source the build read has changed', async () => {
    const stampFile = join(dir, 'extension', '.build-stamp.json');
    const { modules } = JSON.parse(await readFile(stampFile, 'utf8')) as { modules: string[] };
    expect(modules).toContain('client/studio-api.ts');
    expect(modules).toContain('server/catalogue/asset-catalogue.ts');
    const source = join(ROOT, 'extension', 'src', 'studio', 'server-url.ts');
    const { atime, mtime } = await stat(source);
    try {
      await utimes(source, atime, new Date(mtime.getTime() + 5000));
      expect(await isFresh(join(dir, 'extension'))).toBe(false);
      expect(await isFresh(join(dir, 'overlay'))).toBe(true);
    } finally {
      await utimes(source, atime, mtime);
    }
    expect(await isFresh(join(dir, 'extension'))).toBe(true);
  });

  it('sizes every view by the JS and CSS it loads, gzipped', async () => {
    const sizes = await viewSizes(join(dir, 'extension'));
    expect(sizes.map((view) => view.page)).toEqual(['panel.html', 'live_config.html', 'config.html']);
    for (const view of sizes) {
      expect(view.files).toBeGreaterThanOrEqual(2);
      expect(view.gzipBytes).toBeGreaterThan(1000);
      expect(view.gzipBytes).toBeLessThan(view.bytes);
    }
  });

  it('serves the overlay from /overlay/, so both of its pages find their files', async () => {
    for (const page of OVERLAY_PAGES) {
      const html = await readFile(join(dir, 'overlay', page), 'utf8');
      expect(html).toMatch(/src="\/overlay\/assets\/[^"]+\.js"/);
    }
  });
});
