import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startArguments } from './start-arguments.js';

const ROOT = resolve(import.meta.dirname, '..');

async function withStartScript(start: string | undefined, test: (dir: string) => void): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'start-arguments-'));
  try {
    await writeFile(join(dir, 'package.json'), JSON.stringify({ scripts: start ? { start } : {} }));
    test(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('startArguments', () => {
  it("are this checkout's npm start: its V8 flags, then the compiled server", () => {
    const args = startArguments(ROOT);
    expect(args.at(-1)).toBe('dist/server/main.js');
    expect(args).toContain('--max-semi-space-size=4');
  });

  it('take the last command of the script, flags in order', async () => {
    await withStartScript('node build.js && node --a=1 --b dist/server/main.js', (dir) =>
      expect(startArguments(dir)).toEqual(['--a=1', '--b', 'dist/server/main.js']),
    );
  });

  it("are an older checkout's plain server when its script gives node no flags", async () => {
    await withStartScript('node --import tsx tools/build.ts --if-stale && node dist/server/main.js', (dir) =>
      expect(startArguments(dir)).toEqual(['dist/server/main.js']),
    );
  });

  it('fall back to the bare server for a script that does not end by running it', async () => {
    await withStartScript('tsx server/main.ts', (dir) =>
      expect(startArguments(dir)).toEqual(['dist/server/main.js']),
    );
    await withStartScript(undefined, (dir) => expect(startArguments(dir)).toEqual(['dist/server/main.js']));
  });
});
