import sharp from 'sharp';

/** The canvas Gemini 2.5 Flash Image returns for each aspect ratio. */
export const GEMINI_IMAGE_SIZES: Readonly<Record<string, { width: number; height: number }>> = {
  '1:1': { width: 1024, height: 1024 },
  '2:3': { width: 832, height: 1248 },
  '3:2': { width: 1248, height: 832 },
  '3:4': { width: 864, height: 1184 },
  '4:3': { width: 1184, height: 864 },
  '4:5': { width: 896, height: 1152 },
  '5:4': { width: 1152, height: 896 },
  '9:16': { width: 768, height: 1344 },
  '16:9': { width: 1344, height: 768 },
  '21:9': { width: 1536, height: 672 },
};

/** The background when the prompt asks for none in particular. */
const PLAIN_BACKGROUND = '#2b2d42';

/** The flat key colour a prompt for a transparent type asks for ("…solid flat #00ff00 background…"). */
export function requestedBackground(prompt: string): string {
  return /solid flat (#[0-9a-f]{6}) background/i.exec(prompt)?.[1]?.toLowerCase() ?? PLAIN_BACKGROUND;
}

const cache = new Map<string, Promise<Buffer>>();

/**
 * A real PNG at Gemini's canvas for `aspectRatio`: a flat background with a round, outlined
 * subject in the middle, so the pipeline's background removal and resizing have real work to do.
 */
export function fakeGeminiPng(aspectRatio: string, background: string): Promise<Buffer> {
  const size = GEMINI_IMAGE_SIZES[aspectRatio] ?? GEMINI_IMAGE_SIZES['1:1']!;
  const key = `${size.width}x${size.height}|${background}`;
  let png = cache.get(key);
  if (!png) {
    const r = Math.round(Math.min(size.width, size.height) * 0.4);
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size.width}" height="${size.height}">
      <rect width="100%" height="100%" fill="${background}"/>
      <circle cx="${size.width / 2}" cy="${size.height / 2}" r="${r}" fill="#ff8a00" stroke="#1b1b1b" stroke-width="${Math.round(r / 8)}"/>
      <circle cx="${size.width / 2}" cy="${size.height / 2}" r="${Math.round(r / 3)}" fill="#9146ff"/>
    </svg>`;
    png = sharp(Buffer.from(svg)).png({ compressionLevel: 1 }).toBuffer();
    cache.set(key, png);
  }
  return png;
}
