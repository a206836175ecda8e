import { mkdir, mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildExtensionStamped,
  buildOverlayStamped,
  isFresh,
  OVERLAY_PAGES,
  viewSizes,
  writeBuildStamp,
} from './build-fronts.js';

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
    // A source of its own, so the real tree (which other suites build from) is never touched.
    const stamped = join(dir, 'stamped');
    const source = join(dir, 'source.ts');
    await mkdir(stamped);
    await writeFile(source, 'export const answer = 42;\n');
    await writeBuildStamp(stamped, [source]);
    expect(await isFresh(stamped)).toBe(true);
    const { atime, mtime } = await stat(source);
    await utimes(source, atime, new Date(mtime.getTime() + 5000));
    expect(await isFresh(stamped)).toBe(false);
    await writeBuildStamp(stamped, [source]);
    expect(await isFresh(stamped)).toBe(true);
    await writeFile(source, 'export const answer = 4321;\n');
    await utimes(source, atime, new Date(mtime.getTime() + 5000));
    expect(await isFresh(stamped), 'same time, other size').toBe(false);
    await rm(source);
    expect(await isFresh(stamped), 'a source gone').toBe(false);
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
