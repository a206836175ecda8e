import { estimateBackground } from './estimate-background.js';
import { floodBackground } from './flood-background.js';
import { matteEdges } from './matte-edges.js';
import type { RawImage } from './raw-image.js';
import type { Rgb } from './rgb.js';

export interface RemovedBackground {
  /** RGBA pixels with real alpha. */
  readonly image: RawImage;
  /** False when the border showed no flat background, so the picture was left whole and opaque. */
  readonly removed: boolean;
}

/**
 * Makes the flat key-colour background around the subject transparent: reads the background
 * from the border, grows it inward within a tolerance, then mattes the edge (soft alpha, key
 * colour taken out of edge pixels). Images whose border is already transparent keep their alpha.
 */
export function removeBackground(image: RawImage, options: { keyColor?: Rgb } = {}): RemovedBackground {
  if (image.channels !== 4) throw new Error('removeBackground needs RGBA pixels');
  const verdict = estimateBackground(image, options.keyColor);
  if (verdict.kind === 'transparent') return { image, removed: true };
  if (verdict.kind === 'none') return { image, removed: false };
  const background = floodBackground(image, verdict.color, verdict.tolerance);
  const data = matteEdges(image, background, verdict.color, verdict.tolerance);
  return { image: { ...image, data }, removed: true };
}
