import { readFile } from 'node:fs/promises';
import { ManifestError } from './extension-manifest.js';
import { type OverlayManifest, OverlayManifestSchema, overlayManifestProblems } from './overlay-slots.js';

/** The overlay's slots beside this file, validated: a bad field stops the build, named. */
export async function loadOverlayManifest(
  file = new URL('./overlay.json', import.meta.url),
): Promise<OverlayManifest> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new ManifestError(String(file), [`not JSON: ${(error as Error).message}`], 'overlay manifest');
  }
  const problems = overlayManifestProblems(json);
  if (problems.length > 0) throw new ManifestError(String(file), problems, 'overlay manifest');
  return OverlayManifestSchema.parse(json);
}
