import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type InlineConfig, type Rolldown } from 'vite';
import { loadExtensionManifest, viewPages } from '../manifest/extension-manifest.js';
import { loadOverlayManifest } from '../manifest/overlay-manifest.js';
import { writeBuildStamp } from './build-stamp.js';
import { EXTENSION_DIST, OVERLAY_DIST, ROOT } from './dist-paths.js';

export { isFresh, writeBuildStamp } from './build-stamp.js';
export { EXTENSION_DIST, OVERLAY_DIST } from './dist-paths.js';

export const EXTENSION_SRC = join(ROOT, 'extension');
/** The rig's page, built beside the views but never packaged for Twitch. */
export const RIG_PAGE = 'rig.html';
/** The rig's stand-in for Twitch's helper, a classic script at a fixed name. */
export const RIG_STAND_IN = 'twitch-ext.js';

/** Preact's JSX for every front end; shared with the test runner's config. */
export const PREACT_JSX = { jsx: { runtime: 'automatic', importSource: 'preact' } } as const;

export const OVERLAY_SRC = join(ROOT, 'overlay');
/** The overlay's pages: the OBS browser source (`/overlay`) and the page that builds its URL (`/overlay/setup`). */
export const OVERLAY_PAGES = ['index.html', 'setup.html'] as const;

function common(outDir: string): InlineConfig {
  return {
    configFile: false,
    root: EXTENSION_SRC,
    // Twitch serves the zip from its own CDN under a path we do not know: every URL stays relative.
    base: './',
    logLevel: 'warn',
    oxc: PREACT_JSX,
    build: { outDir, target: 'es2022', sourcemap: false, reportCompressedSize: false },
  };
}

const outputsOf = (result: Awaited<ReturnType<typeof build>>) =>
  (Array.isArray(result) ? result : [result]).flatMap((r) => ('output' in r ? r.output : [])) as (
    | Rolldown.OutputChunk
    | Rolldown.OutputAsset
  )[];

/** Builds the extension's views (and the rig) into `outDir`; returns every source module it read. */
export async function buildExtension(outDir = EXTENSION_DIST): Promise<string[]> {
  const manifest = await loadExtensionManifest();
  const pages = [...viewPages(manifest), RIG_PAGE];
  const views = await build({
    ...common(outDir),
    build: {
      ...common(outDir).build,
      emptyOutDir: true,
      rollupOptions: {
        input: Object.fromEntries(
          pages.map((page) => [page.replace(/\.html$/, ''), join(EXTENSION_SRC, page)]),
        ),
      },
    },
  });
  const standIn = await build({
    ...common(outDir),
    build: {
      ...common(outDir).build,
      emptyOutDir: false,
      lib: {
        entry: join(EXTENSION_SRC, 'src', 'rig', 'twitch-ext-stand-in.ts'),
        formats: ['iife'],
        name: 'StreamerStudioRig',
        fileName: () => RIG_STAND_IN,
      },
    },
  });
  const modules = new Set<string>(pages.map((page) => join(EXTENSION_SRC, page)));
  for (const output of [...outputsOf(views), ...outputsOf(standIn)])
    if (output.type === 'chunk') for (const id of output.moduleIds) if (!id.startsWith('\0')) modules.add(id);
  return [...modules].sort();
}

/** Builds the overlay's pages into `outDir`, after validating its slots; returns every source module it read. */
export async function buildOverlay(outDir = OVERLAY_DIST): Promise<string[]> {
  await loadOverlayManifest();
  const pages = OVERLAY_PAGES.map((page) => join(OVERLAY_SRC, page));
  const result = await build({
    ...common(outDir),
    root: OVERLAY_SRC,
    // Served by this server only, at /overlay and /overlay/setup: absolute, so both pages find their files.
    base: '/overlay/',
    build: {
      ...common(outDir).build,
      emptyOutDir: true,
      rollupOptions: {
        input: Object.fromEntries(pages.map((page) => [page.replace(/^.*\/|\.html$/g, ''), page])),
      },
    },
  });
  const modules = new Set<string>([...pages, join(ROOT, 'manifest', 'overlay.json')]);
  for (const output of outputsOf(result))
    if (output.type === 'chunk') for (const id of output.moduleIds) if (!id.startsWith('\0')) modules.add(id);
  return [...modules].sort();
}

/** The local files a built page loads: its scripts, preloads and stylesheets. */
export function pageFiles(html: string): string[] {
  const found = new Set<string>();
  for (const match of html.matchAll(/\b(?:src|href)="(\.\/[^"]+)"/g)) found.add(match[1]!.slice(2));
  return [...found];
}

export interface ViewSize {
  readonly page: string;
  readonly files: number;
  readonly bytes: number;
  readonly gzipBytes: number;
}

/** JS and CSS each view loads, raw and gzipped: what a viewer downloads to see it. */
export async function viewSizes(outDir = EXTENSION_DIST): Promise<ViewSize[]> {
  const manifest = await loadExtensionManifest();
  return Promise.all(
    viewPages(manifest).map(async (page) => {
      const files = pageFiles(await readFile(join(outDir, page), 'utf8')).filter((f) =>
        /\.(js|css)$/.test(f),
      );
      const contents = await Promise.all(files.map((file) => readFile(join(outDir, file))));
      return {
        page,
        files: files.length,
        bytes: contents.reduce((sum, data) => sum + data.length, 0),
        gzipBytes: contents.reduce((sum, data) => sum + gzipSync(data, { level: 9 }).length, 0),
      };
    }),
  );
}

/** Builds and records what the build read, so the next `--if-stale` run can skip it. */
export async function buildExtensionStamped(outDir = EXTENSION_DIST): Promise<void> {
  await writeBuildStamp(outDir, await buildExtension(outDir));
}

/** Builds the overlay and records what the build read. */
export async function buildOverlayStamped(outDir = OVERLAY_DIST): Promise<void> {
  await writeBuildStamp(outDir, await buildOverlay(outDir));
}
