import { crc32 } from 'node:zlib';

const SIGNATURE_BYTES = 8;
const PALETTE_COLOUR_TYPE = 3;

/**
 * Gives a palette PNG an alpha channel when the quantizer dropped it because every pixel was
 * opaque: a one-entry `tRNS` chunk (entry 0 fully opaque) before the first `IDAT`. Pixels are
 * unchanged, but decoders (and Twitch) now see an image with alpha, as transparent types promise.
 * Other PNGs are returned as they are.
 */
export function ensurePaletteAlpha(png: Buffer): Buffer {
  if (png.length < SIGNATURE_BYTES + 25 || png[SIGNATURE_BYTES + 17] !== PALETTE_COLOUR_TYPE) return png;
  let at = SIGNATURE_BYTES;
  while (at + 8 <= png.length) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    if (type === 'tRNS') return png;
    if (type === 'IDAT')
      return Buffer.concat([png.subarray(0, at), opaqueTransparencyChunk(), png.subarray(at)]);
    at += 12 + length;
  }
  return png;
}

function opaqueTransparencyChunk(): Buffer {
  const body = Buffer.from([...Buffer.from('tRNS', 'latin1'), 0xff]);
  const chunk = Buffer.alloc(4 + body.length + 4);
  chunk.writeUInt32BE(body.length - 4, 0);
  body.copy(chunk, 4);
  chunk.writeUInt32BE(crc32(body), 4 + body.length);
  return chunk;
}
