import { join, resolve } from 'node:path';

/** The checkout: every build reads its sources and writes dist/ relative to it. */
export const ROOT = resolve(import.meta.dirname, '..');
export const EXTENSION_DIST = join(ROOT, 'dist', 'extension');
export const OVERLAY_DIST = join(ROOT, 'dist', 'overlay');
/** The compiled server and CLI that `npm start` and `npm run generate` run. */
export const SERVER_DIST = join(ROOT, 'dist', 'server');
