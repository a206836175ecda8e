import { type AspectRatio, ratioValue } from '../catalogue/index.js';

/** About the pixel count Gemini image models return (1024² at 1:1), so the pipeline sees realistic input. */
const TARGET_AREA = 1024 * 1024;

/** The canvas a Gemini model would return for `ratio`, rounded to multiples of 16. */
export function canvasFor(ratio: AspectRatio): { width: number; height: number } {
  const r = ratioValue(ratio);
  const round16 = (n: number) => Math.round(n / 16) * 16;
  return { width: round16(Math.sqrt(TARGET_AREA * r)), height: round16(Math.sqrt(TARGET_AREA / r)) };
}

/** FNV-1a: a stable seed from the subject, so the same request draws the same picture. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export const escapeXml = (text: string) =>
  text.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!,
  );

/** Greedy word wrap to at most `maxLines` lines of `width` characters, with an ellipsis when cut. */
export function wrap(text: string, width: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const candidate = line ? `${line} ${word}` : word;
    if (candidate.length <= width || !line) line = candidate.slice(0, width);
    else {
      lines.push(line);
      line = word.slice(0, width);
    }
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) {
    lines.length = maxLines;
    lines[maxLines - 1] = `${lines[maxLines - 1]!.slice(0, width - 1)}…`;
  }
  return lines;
}

function polygon(
  cx: number,
  cy: number,
  radius: number,
  points: number,
  inner: number,
  turn: number,
): string {
  const corners = inner < 1 ? points * 2 : points;
  const coords: string[] = [];
  for (let i = 0; i < corners; i++) {
    const r = inner < 1 && i % 2 === 1 ? radius * inner : radius;
    const angle = turn + (i * 2 * Math.PI) / corners - Math.PI / 2;
    coords.push(`${(cx + r * Math.cos(angle)).toFixed(1)},${(cy + r * Math.sin(angle)).toFixed(1)}`);
  }
  return coords.join(' ');
}

export interface ArtworkInput {
  readonly subject: string;
  readonly palette: readonly string[];
  readonly keyColor?: string;
  readonly label: string;
  readonly aspectRatio: AspectRatio;
}

/** An SVG in the brand's colours: a shape picked from the subject, the subject's words, and a PREVIEW label. */
export function previewArtwork(input: ArtworkInput): { svg: string; width: number; height: number } {
  const { width, height } = canvasFor(input.aspectRatio);
  const [primary = '#9146ff', secondary = '#1f1f23', accent = '#ffb31a'] = input.palette;
  const seed = hash(input.subject);
  const short = Math.min(width, height);
  const cx = width / 2;
  const cy = height / 2;
  const radius = short * (input.keyColor ? 0.38 : 0.3);
  const shapes: [number, number][] = [
    [5, 0.5],
    [6, 1],
    [8, 0.75],
    [12, 0.85],
    [4, 1],
  ];
  const [points, inner] = shapes[seed % shapes.length]!;
  const turn = ((seed >>> 8) % 360) * (Math.PI / 180);
  const badge = polygon(cx, cy, radius, points, inner, turn);
  const words = wrap(input.subject.toUpperCase(), 14, 3);
  const fontSize = Math.round(short * 0.075);
  const text = words
    .map((line, i) => {
      const y = cy + (i - (words.length - 1) / 2) * fontSize * 1.15 + fontSize * 0.35;
      return `<text x="${cx}" y="${y.toFixed(1)}">${escapeXml(line)}</text>`;
    })
    .join('');
  const background = input.keyColor
    ? `<rect width="100%" height="100%" fill="${input.keyColor}"/>`
    : `<rect width="100%" height="100%" fill="url(#bg)"/>` +
      Array.from({ length: 6 }, (_, i) => {
        const r = short * (0.08 + ((seed >>> (i * 3)) % 7) * 0.02);
        const x = ((seed >>> i) % 97) / 97;
        return `<circle cx="${(x * width).toFixed(0)}" cy="${((i / 5) * height).toFixed(0)}" r="${r.toFixed(0)}" fill="${accent}" opacity="0.18"/>`;
      }).join('');
  const label = `<g font-size="${Math.round(short * 0.045)}" font-weight="700" text-anchor="middle">
    <rect x="${cx - short * 0.16}" y="${cy + radius * 0.55}" width="${short * 0.32}" height="${short * 0.07}" rx="${short * 0.02}" fill="${secondary}"/>
    <text x="${cx}" y="${cy + radius * 0.55 + short * 0.052}" fill="#ffffff">PREVIEW</text></g>`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${primary}"/><stop offset="1" stop-color="${secondary}"/></linearGradient>
    <linearGradient id="fill" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${primary}"/><stop offset="1" stop-color="${accent}"/></linearGradient>
  </defs>
  ${background}
  <polygon points="${badge}" fill="url(#fill)" stroke="${secondary}" stroke-width="${(short * 0.025).toFixed(1)}" stroke-linejoin="round"/>
  <g font-size="${fontSize}" font-weight="800" fill="#ffffff" stroke="${secondary}" stroke-width="${(fontSize * 0.08).toFixed(1)}" paint-order="stroke" text-anchor="middle">${text}</g>
  ${label}
  <title>${escapeXml(`${input.label} preview: ${input.subject}`)}</title>
</svg>`;
  return { svg, width, height };
}
