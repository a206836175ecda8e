import { performance } from 'node:perf_hooks';
import { ManifestError } from '../manifest/extension-manifest.js';
import { buildExtensionStamped, EXTENSION_DIST, isFresh, viewSizes } from './build-fronts.js';

/** The panel's budget: what a viewer downloads before the gallery shows (Preact itself is ~5 KB). */
const PANEL_GZIP_GOAL = 25 * 1024;

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/**
 * `npm run build`: the extension's views and the rig into dist/extension, with each view's size.
 * `--if-stale` (what `npm start` runs) skips the build when no source changed since the last one.
 */
try {
  if (process.argv.includes('--if-stale') && (await isFresh())) process.exit(0);
  const started = performance.now();
  await buildExtensionStamped();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const lines = [`  built the extension into ${EXTENSION_DIST} in ${seconds} s; JS + CSS per view:`];
  for (const view of await viewSizes()) {
    const goal = view.page === 'panel.html' ? ` (goal ≤ ${kb(PANEL_GZIP_GOAL)})` : '';
    lines.push(
      `    ${view.page.padEnd(18)} ${kb(view.gzipBytes).padStart(9)} gzipped, ${kb(view.bytes)} raw${goal}`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
} catch (error) {
  if (error instanceof ManifestError) console.error(`streamer-studio build: ${error.message}`);
  else console.error('streamer-studio build failed:', error);
  process.exit(1);
}
