import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TWITCH_HELPER_URL } from '../manifest/twitch-helper.js';
import { extensionFiles } from './extension-files.js';
import { PackageError } from './package-error.js';

const HELPER = `<script src="${TWITCH_HELPER_URL}"></script>`;
const page = (head: string) => `<!doctype html><html><head>${HELPER}${head}</head><body></body></html>`;

let dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  dirs = [];
});

/** A build folder holding `files` (path → text). */
async function build(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'extension-files-'));
  dirs.push(dir);
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

/** The problems `extensionFiles` names, or fails the test when it accepts the build. */
async function problemsOf(files: Record<string, string>, pages = ['panel.html']): Promise<readonly string[]> {
  const error = await extensionFiles(await build(files), pages).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(PackageError);
  return (error as PackageError).problems;
}

describe('the files a view needs', () => {
  it('are the page and everything it loads, through imports, dynamic imports, preload lists and stylesheets', async () => {
    const dir = await build({
      'panel.html': page(
        '<script type="module" crossorigin src="./assets/panel.js"></script><link rel="stylesheet" href="./assets/panel.css">',
      ),
      'assets/panel.js':
        'import{a}from"./shared.js";const d=["./lazy.js","./lazy.css"];import(`./lazy.js`);new URL(`logo.png`,import.meta.url);',
      'assets/shared.js': 'export*from"./deeper.js";export const a=1;',
      'assets/deeper.js': 'export const b=2;',
      'assets/lazy.js': 'export const c=3;',
      'assets/lazy.css': '.x{background:url(./dot.png)}',
      'assets/panel.css': '@import "./fonts.css";.y{background:url("data:image/png;base64,AAAA")}',
      'assets/fonts.css': '@font-face{src:url(./font.woff2)}',
      'assets/dot.png': 'png',
      'assets/logo.png': 'png',
      'assets/font.woff2': 'woff2',
      'rig.html': page('<script type="module" src="./assets/rig.js"></script>'),
      'assets/rig.js': 'import"./shared.js";',
      'twitch-ext.js': 'window.Twitch={}',
      'assets/panel.js.map': '{}',
    });
    const files = await extensionFiles(dir, ['panel.html']);
    expect([...files.keys()].sort()).toEqual([
      'assets/deeper.js',
      'assets/dot.png',
      'assets/font.woff2',
      'assets/fonts.css',
      'assets/lazy.css',
      'assets/lazy.js',
      'assets/logo.png',
      'assets/panel.css',
      'assets/panel.js',
      'assets/shared.js',
      'panel.html',
    ]);
    expect(files.get('assets/deeper.js')?.toString()).toBe('export const b=2;');
  });

  it('name a chunk the build did not write, and the file that loads it', async () => {
    const problems = await problemsOf({
      'panel.html': page('<script type="module" src="./assets/panel.js"></script>'),
      'assets/panel.js': 'import{a}from"./chunk-missing.js";import("./lazy-missing.js");',
    });
    expect(problems).toEqual([
      'assets/panel.js loads assets/chunk-missing.js, which the build did not write',
      'assets/panel.js loads assets/lazy-missing.js, which the build did not write',
    ]);
  });

  it('name a view the manifest lists but the build did not write', async () => {
    expect(await problemsOf({ 'panel.html': page('') }, ['panel.html', 'config.html'])).toEqual([
      'config.html was not built',
    ]);
  });

  it('refuse remote code other than Twitch’s helper, inline scripts, and a view without the helper', async () => {
    const problems = await problemsOf(
      {
        'panel.html': page(
          '<script src="https://cdn.example.com/lib.js"></script><link rel="stylesheet" href="//fonts.example.com/a.css"><script>window.x=1</script>',
        ),
        'config.html': '<html><head></head></html>',
      },
      ['panel.html', 'config.html'],
    );
    expect(problems).toEqual([
      expect.stringMatching(
        /^panel\.html <script> loads https:\/\/cdn\.example\.com\/lib\.js from elsewhere/,
      ),
      expect.stringMatching(/^panel\.html <link> loads \/\/fonts\.example\.com\/a\.css from elsewhere/),
      expect.stringMatching(/^panel\.html has 1 inline <script>, which Twitch's CSP blocks/),
      expect.stringMatching(/^config\.html does not load Twitch's helper/),
    ]);
  });

  it('refuse code that turns strings into code, and imports of anything not in the zip', async () => {
    const problems = await problemsOf({
      'panel.html': page('<script type="module" src="./assets/panel.js"></script>'),
      'assets/panel.js':
        'import"preact";import"https://esm.sh/x";const s="eval(1)";a.eval(1);eval("1");new Function("return 1");import(name);',
    });
    expect(problems).toEqual([
      expect.stringMatching(/^assets\/panel\.js imports "preact", which is not a file in the zip/),
      expect.stringMatching(/^assets\/panel\.js imports "https:\/\/esm\.sh\/x"/),
      expect.stringMatching(/^assets\/panel\.js eval\( at \d+: Twitch refuses/),
      expect.stringMatching(/^assets\/panel\.js Function\( at \d+: Twitch refuses/),
      expect.stringMatching(/^assets\/panel\.js import\(\) of a computed URL at \d+/),
    ]);
  });

  it('refuse paths from the root or outside the extension, and remote stylesheet URLs', async () => {
    const problems = await problemsOf({
      'panel.html': page(
        '<script type="module" src="/assets/panel.js"></script><link rel="stylesheet" href="./a.css">',
      ),
      'a.css': '.x{background:url(../../etc/passwd)}.y{background:url(https://img.example.com/a.png)}',
    });
    expect(problems).toEqual([
      expect.stringMatching(/^panel\.html refers to \/assets\/panel\.js from the root/),
      expect.stringMatching(/^a\.css loads https:\/\/img\.example\.com\/a\.png from elsewhere/),
      expect.stringMatching(/^a\.css refers to \.\.\/\.\.\/etc\/passwd, outside the extension/),
    ]);
  });
});
