import sharp from 'sharp';

/** A rectangle on OBS's canvas, in pixels. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** What a scene's screenshot shows, measured against the box an asset should fill. */
export interface BoxPixels {
  /** Share (0–1) of the box's pixels within `tolerance` of one of the colours asked about. */
  readonly colourInBox: number;
  /** Pixels outside the box (and its `margin`) that are not black: anything drawn where nothing should be. */
  readonly litOutside: number;
  /** The smallest rectangle holding every non-black pixel, or null for an all-black scene. */
  readonly litBounds: Box | null;
}

const rgb = (hex: string) => [1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16));

/**
 * Measures `png` (an OBS scene screenshot): how much of `box` is drawn in `colours`, and what is
 * lit outside it. `margin` pixels around the box are left out, for the scaler's soft edge.
 */
export async function boxPixels(
  png: Buffer,
  box: Box,
  colours: readonly string[],
  { tolerance = 90, margin = 3, black = 40 } = {},
): Promise<BoxPixels> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const targets = colours.map(rgb);
  let inBox = 0;
  let coloured = 0;
  let litOutside = 0;
  let bounds: { x0: number; y0: number; x1: number; y1: number } | null = null;
  for (let y = 0; y < info.height; y++)
    for (let x = 0; x < info.width; x++) {
      const at = (y * info.width + x) * info.channels;
      const [r, g, b] = [data[at]!, data[at + 1]!, data[at + 2]!];
      const lit = Math.max(r, g, b) > black;
      if (lit) {
        bounds ??= { x0: x, y0: y, x1: x, y1: y };
        bounds.x0 = Math.min(bounds.x0, x);
        bounds.y0 = Math.min(bounds.y0, y);
        bounds.x1 = Math.max(bounds.x1, x);
        bounds.y1 = Math.max(bounds.y1, y);
      }
      const inside = x >= box.x && x < box.x + box.width && y >= box.y && y < box.y + box.height;
      if (inside) {
        inBox++;
        if (targets.some(([tr, tg, tb]) => Math.hypot(r - tr!, g - tg!, b - tb!) <= tolerance)) coloured++;
        continue;
      }
      const nearEdge =
        x >= box.x - margin &&
        x < box.x + box.width + margin &&
        y >= box.y - margin &&
        y < box.y + box.height + margin;
      if (lit && !nearEdge) litOutside++;
    }
  return {
    colourInBox: inBox === 0 ? 0 : coloured / inBox,
    litOutside,
    litBounds: bounds && {
      x: bounds.x0,
      y: bounds.y0,
      width: bounds.x1 - bounds.x0 + 1,
      height: bounds.y1 - bounds.y0 + 1,
    },
  };
}
