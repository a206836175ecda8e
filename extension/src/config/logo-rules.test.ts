import { describe, expect, it } from 'vitest';
import { MAX_LOGO_BYTES as SERVER_MAX } from '../../../server/use-cases/brand-kits.js';
import { logoProblem, MAX_LOGO_BYTES } from './logo-rules.js';

const image = (bytes: number, type: string) => new Blob([new Uint8Array(bytes)], { type });

describe('logoProblem', () => {
  it('takes PNG, JPEG and WebP up to the server’s limit', () => {
    expect(MAX_LOGO_BYTES).toBe(SERVER_MAX);
    for (const type of ['image/png', 'image/jpeg', 'image/webp'])
      expect(logoProblem(image(MAX_LOGO_BYTES, type))).toBeNull();
  });

  it('refuses a file one byte over 2 MB, saying how large it is', () => {
    expect(logoProblem(image(MAX_LOGO_BYTES + 1, 'image/png'))).toBe(
      'This image is 2.1 MB; a logo may be 2 MB at most.',
    );
  });

  it('refuses other image types', () => {
    expect(logoProblem(image(10, 'image/gif'))).toBe('A logo must be a PNG, JPEG or WebP image.');
    expect(logoProblem(image(10, ''))).toBe('A logo must be a PNG, JPEG or WebP image.');
  });
});
