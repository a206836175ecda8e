import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { sharp, sharpLibrary } from './sharp.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const onLinux = existsSync('/proc/self/maps');

/** Whether libvips is mapped into a fresh Node process after it imports `modules`, then makes an image if asked. */
async function libvipsLoadedAfter(modules: string[], makeAnImage: boolean): Promise<boolean> {
  const script = `
    for (const m of ${JSON.stringify(modules)}) await import(m);
    if (${makeAnImage}) {
      const { sharp } = await import(${JSON.stringify(resolve(ROOT, 'server/images/sharp.ts'))});
      await sharp({ create: { width: 2, height: 2, channels: 3, background: '#fff' } }).png().toBuffer();
    }
    const { readFileSync } = await import('node:fs');
    console.log(readFileSync('/proc/self/maps', 'utf8').includes('libvips'));`;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script],
    { cwd: ROOT },
  );
  return stdout.trim() === 'true';
}

describe('sharp, loaded on first use', () => {
  it.skipIf(!onLinux)(
    'is not loaded by starting the server, only by the first image',
    async () => {
      const server = [resolve(ROOT, 'server/start.ts'), resolve(ROOT, 'server/app.ts')];
      expect(await libvipsLoadedAfter(server, false)).toBe(false);
      expect(await libvipsLoadedAfter(server, true)).toBe(true);
    },
    60_000,
  );

  it('is the real library, with its operation cache off', async () => {
    const png = await sharp({ create: { width: 3, height: 2, channels: 4, background: '#000' } })
      .png()
      .toBuffer();
    expect(await sharp(png).metadata()).toMatchObject({ format: 'png', width: 3, height: 2 });
    expect(sharpLibrary().cache()).toMatchObject({ memory: { max: 0 }, items: { max: 0 } });
  });
});
