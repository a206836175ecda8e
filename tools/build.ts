import { access } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { templatePath } from '../server/db/pglite-template-path.js';
import { isFresh } from './build-stamp.js';
import { EXTENSION_DIST, OVERLAY_DIST, SERVER_DIST } from './dist-paths.js';

/** The panel's budget: what a viewer downloads before the gallery shows (Preact itself is ~5 KB). */
const PANEL_GZIP_GOAL = 25 * 1024;

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const stale = process.argv.includes('--if-stale');

/** Runs `build` (and says how long it took) unless `--if-stale` finds its output current. */
async function timed(dist: string, build: () => Promise<void>): Promise<string | null> {
  if (stale && (await isFresh(dist))) return null;
  const started = performance.now();
  await build();
  return ((performance.now() - started) / 1000).toFixed(1);
}

/** Makes the migrated PGlite template a new data dir starts from, unless it is there already. */
async function pgliteTemplate(): Promise<string | null> {
  const path = await templatePath();
  const present = await access(path).then(
    () => true,
    () => false,
  );
  if (present) return null;
  const started = performance.now();
  const { makeTemplate, saveTemplate } = await import('../server/db/pglite-template.js');
  await saveTemplate(path, await makeTemplate());
  return ((performance.now() - started) / 1000).toFixed(1);
}

/**
 * `npm run build`: the extension's views and the rig into dist/extension, with each view's size,
 * the OBS overlay into dist/overlay, the server compiled into dist/server, and the embedded
 * database's template. `--if-stale` (what `npm start` runs) skips whatever is current, and
 * loads vite only when a front end needs building.
 */
try {
  const lines: string[] = [];
  const fronts = () => import('./build-fronts.js');
  const extension = await timed(EXTENSION_DIST, async () => (await fronts()).buildExtensionStamped());
  if (extension) {
    lines.push(`  built the extension into ${EXTENSION_DIST} in ${extension} s; JS + CSS per view:`);
    for (const view of await (await fronts()).viewSizes()) {
      const goal = view.page === 'panel.html' ? ` (goal ≤ ${kb(PANEL_GZIP_GOAL)})` : '';
      lines.push(
        `    ${view.page.padEnd(18)} ${kb(view.gzipBytes).padStart(9)} gzipped, ${kb(view.bytes)} raw${goal}`,
      );
    }
  }
  const overlay = await timed(OVERLAY_DIST, async () => (await fronts()).buildOverlayStamped());
  if (overlay) lines.push(`  built the OBS overlay into ${OVERLAY_DIST} in ${overlay} s`);
  const server = await timed(SERVER_DIST, async () => (await import('./build-server.js')).buildServer());
  if (server) lines.push(`  compiled the server into ${SERVER_DIST} in ${server} s`);
  const template = await pgliteTemplate();
  if (template) lines.push(`  made the embedded database's template in ${template} s`);
  if (lines.length > 0) process.stdout.write(`${lines.join('\n')}\n`);
} catch (error) {
  // Loaded here: its zod costs every `npm start` a few hundred milliseconds otherwise.
  const { ManifestError } = await import('../manifest/extension-manifest.js');
  if (error instanceof ManifestError) console.error(`streamer-studio build: ${error.message}`);
  else console.error('streamer-studio build failed:', error);
  process.exit(1);
}
