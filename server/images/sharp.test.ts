import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import type { Sharp } from 'sharp';
import { describe, expect, it } from 'vitest';
import { PIPELINE_TIMEOUT_SECONDS, sharp, sharpLibrary, toBuffer } from './sharp.js';

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

/** A stand-in pipeline whose output is ready when the test says, counting how many run at once. */
function pipelineProbe() {
  const state = { running: 0, most: 0, timeouts: [] as number[] };
  const outputs: { finish(error?: Error): void }[] = [];
  const pipeline = () => {
    const stand = {
      timeout: ({ seconds }: { seconds: number }) => {
        state.timeouts.push(seconds);
        return stand;
      },
      toBuffer: () =>
        new Promise<Buffer>((resolve, reject) => {
          state.running++;
          state.most = Math.max(state.most, state.running);
          let finished = false;
          outputs.push({
            finish(error) {
              if (finished) return;
              finished = true;
              state.running--;
              if (error) reject(error);
              else resolve(Buffer.from('done'));
            },
          });
        }),
    };
    return stand as unknown as Sharp;
  };
  return { state, outputs, pipeline };
}

const settle = () => new Promise((r) => setImmediate(r));

describe('toBuffer', () => {
  it('runs one pipeline at a time, in the order asked, and a failure frees the next', async () => {
    const { state, outputs, pipeline } = pipelineProbe();
    const results = [toBuffer(pipeline()), toBuffer(pipeline()), toBuffer(pipeline())].map((p) =>
      p.then(
        () => 'ok',
        (error: Error) => error.message,
      ),
    );
    try {
      await settle();
      expect(outputs).toHaveLength(1);
      outputs[0]!.finish(new Error('corrupt'));
      await settle();
      expect(outputs).toHaveLength(2);
      outputs[1]!.finish();
      await settle();
      outputs[2]!.finish();
      expect(await Promise.all(results)).toEqual(['corrupt', 'ok', 'ok']);
      expect(state.most).toBe(1);
      expect(state.timeouts).toEqual(Array(3).fill(PIPELINE_TIMEOUT_SECONDS));
    } finally {
      // A failing assertion must not leave the process's queue waiting on a stand-in forever.
      for (let started = 0; started < 3; started++) {
        await settle();
        for (const output of outputs) output.finish();
      }
    }
  });

  it('gives the real output, raw pixels with their info', async () => {
    const image = sharp({ create: { width: 3, height: 2, channels: 4, background: '#f00' } });
    const { data, info } = await toBuffer(image.raw(), { resolveWithObject: true });
    expect(info).toMatchObject({ width: 3, height: 2, channels: 4 });
    expect([...data.subarray(0, 4)]).toEqual([255, 0, 0, 255]);
  });

  it('is the only way the server runs a pipeline', async () => {
    const serverDir = resolve(ROOT, 'server');
    const files = (await readdir(serverDir, { recursive: true }))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .filter((f) => f.split(sep)[0] !== 'testing' && !f.endsWith('test-images.ts'));
    const usingSharp: string[] = [];
    const direct: string[] = [];
    for (const file of files) {
      if (file === join('images', 'sharp.ts')) continue;
      const text = await readFile(join(serverDir, file), 'utf8');
      if (!/from '(sharp|[./]+(images\/)?sharp\.js)'/.test(text)) continue;
      usingSharp.push(file);
      // A pipeline's output: a buffer, a file, a stream, or its statistics (a full decode).
      if (/\.(toBuffer|toFile|pipe|stats)\(|for await|pipeline\(/.test(text)) direct.push(file);
    }
    expect(usingSharp).toContain(join('images', 'process-image.ts'));
    expect(usingSharp.length).toBeGreaterThan(5);
    expect(direct).toEqual([]);
  });
});
