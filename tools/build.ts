import { performance } from 'node:perf_hooks';
import { ManifestError } from '../manifest/extension-manifest.js';
import {
  buildExtensionStamped,
  buildOverlayStamped,
  EXTENSION_DIST,
  isFresh,
  OVERLAY_DIST,
  viewSizes,
} from './build-fronts.js';

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

/**
 * `npm run build`: the extension's views and the rig into dist/extension, with each view's size,
 * and the OBS overlay into dist/overlay. `--if-stale` (what `npm start` runs) skips a front end
 * whose sources did not change since its last build.
 */
try {
  const lines: string[] = [];
  const extension = await timed(EXTENSION_DIST, buildExtensionStamped);
  if (extension) {
    lines.push(`  built the extension into ${EXTENSION_DIST} in ${extension} s; JS + CSS per view:`);
    for (const view of await viewSizes()) {
      const goal = view.page === 'panel.html' ? ` (goal ≤ ${kb(PANEL_GZIP_GOAL)})` : '';
      lines.push(
        `    ${view.page.padEnd(18)} ${kb(view.gzipBytes).padStart(9)} gzipped, ${kb(view.bytes)} raw${goal}`,
      );
    }
  }
  const overlay = await timed(OVERLAY_DIST, buildOverlayStamped);
  if (overlay) lines.push(`  built the OBS overlay into ${OVERLAY_DIST} in ${overlay} s`);
  if (lines.length > 0) process.stdout.write(`${lines.join('\n')}\n`);
} catch (error) {
  if (error instanceof ManifestError) console.error(`streamer-studio build: ${error.message}`);
  else console.error('streamer-studio build failed:', error);
  process.exit(1);
}
