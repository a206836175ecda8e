import type { AspectRatio } from '../catalogue/index.js';
import { sharp, toBuffer } from '../images/sharp.js';
import { canvasFor, escapeXml, wrap } from './preview-artwork.js';

export interface RefinementInput {
  /** The picture being refined (the parent's kept source). */
  readonly image: Uint8Array;
  /** The change asked for, as the prompt engine quoted it. */
  readonly instruction: string;
  readonly palette: readonly string[];
  readonly aspectRatio: AspectRatio;
}

/**
 * The offline stand-in for an edit: the picture it was given, with a "REFINED" ribbon carrying
 * the instruction's words across its lower part, so a person sees at once that it is derived and
 * different. The ribbon stays clear of the edges, so a key-colour background still frames the
 * picture and background removal runs as it does on a model's edit.
 */
export async function previewRefinement(input: RefinementInput): Promise<Buffer> {
  const { width, height } = canvasFor(input.aspectRatio);
  const [primary = '#9146ff', secondary = '#1f1f23', accent = '#ffb31a'] = input.palette;
  const short = Math.min(width, height);
  const inset = Math.round(short * 0.1);
  const fontSize = Math.round(short * 0.05);
  const lines = wrap(input.instruction.toUpperCase(), 24, 2);
  const top = Math.round(height * 0.62);
  const ribbonHeight = Math.round(fontSize * (1.6 + lines.length * 1.2));
  const text = [
    `<text x="${width / 2}" y="${top + fontSize * 1.25}" fill="${accent}">REFINED</text>`,
    ...lines.map(
      (line, i) =>
        `<text x="${width / 2}" y="${(top + fontSize * (2.5 + i * 1.2)).toFixed(1)}" fill="#ffffff">${escapeXml(line)}</text>`,
    ),
  ].join('');
  const overlay = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif">
  <rect x="${inset}" y="${top}" width="${width - inset * 2}" height="${ribbonHeight}" rx="${fontSize * 0.4}" fill="${secondary}" stroke="${primary}" stroke-width="${(fontSize * 0.15).toFixed(1)}"/>
  <g font-size="${fontSize}" font-weight="800" text-anchor="middle">${text}</g>
</svg>`;
  return toBuffer(
    sharp(input.image)
      .resize(width, height, { fit: 'cover' })
      .composite([{ input: Buffer.from(overlay) }])
      .png({ compressionLevel: 3 }),
  );
}
