import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { unzipSync } from 'fflate';
import { Window } from 'happy-dom';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createStudioApi, type FetchLike, type StudioApi } from '../client/index.js';
import { serverUrl } from '../extension/src/studio/server-url.js';
import { TWITCH_HELPER_URL } from '../manifest/twitch-helper.js';
import { ConfigError } from '../server/config/index.js';
import { createTestStudio } from '../server/testing/test-studio.js';
import { type PackagedExtension, packageExtension } from './package-extension.js';

const SERVER = 'https://studio.example.com';
const VIEWS = ['config.html', 'live_config.html', 'panel.html'];

let dir: string;
let packaged: PackagedExtension;
let zip: Record<string, Uint8Array>;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'package-extension-'));
  packaged = await packageExtension({
    env: { PUBLIC_BASE_URL: SERVER },
    zipFile: join(dir, 'extension.zip'),
  });
  zip = unzipSync(await readFile(packaged.zipFile));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const text = (path: string) => new TextDecoder().decode(zip[path]);

/** A view as a browser parses it, at the address Twitch's CDN serves it from. */
function viewDocument(page: string): Document {
  const window = new Window({ url: `https://abc123.ext-twitch.tv/abc123/0.0.1/0123abcd/${page}` });
  window.document.write(text(page));
  return window.document as unknown as Document;
}

// Told apart with a regex rather than the packager's parser, so the two cannot share a blind spot.
const JS_IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*)(["'`])(\.{1,2}\/[^"'`]+)\1/g;

/** Every JS and CSS file the views reach through their tags and the scripts' imports. */
function reachedFromViews(): Set<string> {
  const reached = new Set<string>();
  const queue: string[] = [];
  for (const page of VIEWS)
    for (const element of viewDocument(page).querySelectorAll('script[src], link[href]')) {
      const url = element.getAttribute('src') ?? element.getAttribute('href')!;
      if (url !== TWITCH_HELPER_URL) queue.push(posix.normalize(url));
    }
  for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
    if (reached.has(path)) continue;
    reached.add(path);
    if (path.endsWith('.js'))
      for (const [, , specifier] of text(path).matchAll(JS_IMPORT))
        queue.push(posix.join(posix.dirname(path), specifier!));
  }
  return reached;
}

describe('dist/extension.zip', () => {
  it('holds the three views at the top level and their files under relative paths', () => {
    expect(packaged.files).toEqual(Object.keys(zip).sort());
    expect(
      Object.keys(zip)
        .filter((path) => !path.includes('/'))
        .sort(),
    ).toEqual(VIEWS);
    for (const path of Object.keys(zip)) expect(path, path).toMatch(/^(?:[a-z_]+\.html|assets\/[\w.-]+)$/);
  });

  it('has every file a view loads, and loads nothing remote but Twitch’s helper', () => {
    for (const page of VIEWS) {
      const document = viewDocument(page);
      const urls = [...document.querySelectorAll('[src], [href]')].map(
        (element) => element.getAttribute('src') ?? element.getAttribute('href')!,
      );
      expect(urls, page).toContain(TWITCH_HELPER_URL);
      for (const url of urls.filter((url) => url !== TWITCH_HELPER_URL)) {
        expect(url, `${page} loads ${url}`).toMatch(/^\.\//);
        expect(Object.keys(zip), `${page} loads ${url}`).toContain(posix.normalize(url));
      }
      expect([...document.querySelectorAll('script:not([src])')], page).toEqual([]);
    }
  });

  it('has every module the views’ scripts import, and every script and stylesheet in it is used', () => {
    const reached = reachedFromViews();
    for (const path of reached) expect(Object.keys(zip), `imported: ${path}`).toContain(path);
    const scriptsAndStyles = Object.keys(zip).filter((path) => /\.(?:js|css)$/.test(path));
    expect(scriptsAndStyles.filter((path) => !reached.has(path))).toEqual([]);
    expect(scriptsAndStyles.length).toBeGreaterThan(VIEWS.length);
  });

  it('holds no rig, no stand-in helper, no build stamp, no source map, no eval', () => {
    for (const path of Object.keys(zip)) expect(path).not.toMatch(/rig|twitch-ext\.js|build-stamp|\.map$/);
    for (const path of Object.keys(zip).filter((p) => p.endsWith('.js')))
      expect(text(path), path).not.toMatch(/(?<![\w$.])eval\(|new Function\(/);
  });

  it('tells every view where the server is, so it does not call Twitch’s CDN', () => {
    for (const page of VIEWS) expect(serverUrl(viewDocument(page)), page).toBe(SERVER);
  });

  it('is the same bytes when the same sources are packaged again', async () => {
    const again = await packageExtension({
      env: { PUBLIC_BASE_URL: SERVER },
      zipFile: join(dir, 'again.zip'),
    });
    expect(await readFile(again.zipFile)).toEqual(await readFile(packaged.zipFile));
  });

  it('is not written without a public server URL, and the error names the variable', async () => {
    const zipFile = join(dir, 'refused.zip');
    await expect(packageExtension({ env: {}, zipFile })).rejects.toThrow(ConfigError);
    await expect(packageExtension({ env: {}, zipFile })).rejects.toThrow(/PUBLIC_BASE_URL: is required/);
    await expect(readFile(zipFile)).rejects.toThrow(/ENOENT/);
  });
});

/** Every absolute URL in a JSON answer, with the keys that lead to it (`items.0.files.1.url`). */
function urlsIn(value: unknown, path: string[] = []): { path: string[]; url: string }[] {
  if (typeof value === 'string') return /^https?:\/\//.test(value) ? [{ path, url: value }] : [];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => urlsIn(child, [...path, key]));
}

describe('the allowlist printed with the zip', () => {
  it('covers every URL the client calls and every file URL the server hands the views', async () => {
    const studio = await createTestStudio({ env: { PUBLIC_BASE_URL: SERVER } });
    const fetched: string[] = [];
    const answered: { path: string[]; url: string }[] = [];
    const recording: FetchLike = async (input, init) => {
      fetched.push(input instanceof Request ? input.url : String(input));
      const response = await studio.app.request(input instanceof Request ? input : String(input), init);
      if (response.headers.get('content-type')?.includes('application/json'))
        answered.push(...urlsIn(await response.clone().json()));
      return response;
    };
    const client = createStudioApi({
      baseUrl: SERVER,
      getToken: () => studio.token('allowlist'),
      fetch: recording,
    });
    const used = new Set<string>();
    const api = new Proxy(client, {
      get: (target, key: keyof StudioApi) => {
        used.add(key);
        return target[key];
      },
    });
    const shown: string[] = [];
    try {
      await api.me();
      await api.channel();
      await api.updateChannel({ allowModeratorGenerate: true });
      await api.twitchConnection();
      // Twitch is not configured here (409): the call is made, and its links are opened, not fetched.
      await api.connectTwitch().catch(() => undefined);
      await api.disconnectTwitch();
      await api.chatSettings();
      await api.updateChatSettings({ who: 'everyone' });
      await api.rewards();
      // Not connected here (409): the calls are made all the same.
      await api
        .createReward({ title: 'Make an emote', cost: 100, assetType: 'emote' })
        .catch(() => undefined);
      await api.deleteReward('00000000-0000-4000-8000-000000000000').catch(() => undefined);
      await api.brandKits();
      const kit = await api.createBrandKit({
        name: 'Neon Frog',
        colors: { primary: '#00ff88', secondary: '#101820', accent: '#ff3366' },
        fonts: ['Bangers'],
        tone: 'loud',
        styleWords: ['neon'],
      });
      await api.updateBrandKit(kit.id, { tone: 'calm' });
      const logo = await sharp({ create: { width: 64, height: 64, channels: 4, background: '#00ff88' } })
        .png()
        .toBuffer();
      await api.uploadLogo(kit.id, new Blob([new Uint8Array(logo)], { type: 'image/png' }));
      const job = await api.generate({ assetType: 'emote', prompt: 'a frog in sunglasses' }, 'allowlist-1');
      await studio.settle('allowlist', job.id);
      await api.job(job.id);
      await api.jobs();
      const [asset] = (await api.jobAssets(job.id)).items;
      await api.asset(asset!.id);
      await api.setVisibility(asset!.id, 'public');
      await api.publicGallery('allowlist');
      await api.publicAsset(asset!.id);
      await api.assets({ visibility: 'public' });
      await api.downloadLink(asset!.id);
      const refinement = await api.refine(asset!.id, 'add a tiny crown', 'allowlist-2');
      await studio.settle('allowlist', refinement.id);
      await api.versions(asset!.id);
      const reference = await api.uploadReferenceImage(
        new Blob([new Uint8Array(logo)], { type: 'image/png' }),
        {
          label: 'the frog',
          brandKitId: kit.id,
        },
      );
      shown.push(reference.url); // an <img> in the config view
      await api.referenceImages({ brandKitId: kit.id });
      await api.deleteReferenceImage(reference.id);
      const pack = await api.createPack({ include: ['profile_picture'] });
      await studio.settle('allowlist', (await api.pack(pack.id)).pieces[0]!.jobId!);
      await api.packs();
      await api.packDownloadLink(pack.id);
      await api.cancelPack(pack.id).catch(() => undefined); // may have ended: 409, but the call was made
      shown.push(api.publicFileUrl(asset!.id, '56x56'), api.publicFileUrl(asset!.id));
      await api.cancelJob(job.id).catch(() => undefined); // completed: 409, but the call was made
      const stream = api.events({ onEvent: () => undefined });
      await vi.waitFor(() => expect(fetched.some((url) => url.endsWith('/api/v1/events'))).toBe(true));
      stream.close();
      await api.deleteAsset(asset!.id);
      await api.deleteBrandKit(kit.id);
    } finally {
      await studio.close();
    }

    const methods = Object.keys(client).filter((key) => typeof client[key as keyof StudioApi] === 'function');
    expect([...used].sort(), 'a client method this test does not call').toEqual(methods.sort());

    const images = answered.filter(({ path }) => path.includes('files') || path.includes('logo'));
    const opened = answered.filter((entry) => !images.includes(entry));
    // The test proves nothing unless it saw each kind: signed and public files, the logo, a download link.
    expect(images.some(({ url }) => url.includes('signature='))).toBe(true);
    expect(images.some(({ url }) => url.includes('/public/'))).toBe(true);
    expect(images.some(({ path }) => path.includes('logo'))).toBe(true);
    expect(opened.some(({ url }) => url.includes('/download/'))).toBe(true);
    expect(opened.some(({ url }) => url.includes('/download/packs/'))).toBe(true);

    const { urlFetching, images: imageDomains } = packaged.allowlist;
    for (const url of [...fetched, ...opened.map(({ url }) => url)])
      expect(urlFetching, url).toContain(new URL(url).origin);
    for (const url of [...shown, ...images.map(({ url }) => url)])
      expect(imageDomains, url).toContain(new URL(url).origin);
  });
});
