import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verifyFileSignature } from './file-signature.js';
import { contentTypeOf, LocalFileServer } from './local-file-server.js';

const KEY = Buffer.alloc(32, 7);
const NOW = Date.UTC(2025, 0, 1);

const server = new LocalFileServer({
  publicBaseUrl: 'http://localhost:8787/studio/',
  signingKey: KEY,
  now: () => NOW,
  read: async () => null,
});

function signedParts(url: string) {
  const parsed = new URL(url);
  return {
    path: parsed.pathname,
    expires: Number(parsed.searchParams.get('expires')),
    signature: parsed.searchParams.get('signature') ?? '',
  };
}

describe('LocalFileServer URLs', () => {
  it('builds public URLs under the base URL’s /files/public', () => {
    expect(server.publicUrl('ch/a.png')).toBe('http://localhost:8787/studio/files/public/ch/a.png');
  });

  it('signs URLs that verify until the second they expire', () => {
    const { path, expires, signature } = signedParts(server.signedUrl('ch/a.png', 'private', 300));
    expect(path).toBe('/studio/files/private/ch/a.png');
    expect(expires).toBe(NOW / 1000 + 300);
    expect(verifyFileSignature(KEY, 'private', 'ch/a.png', expires, signature, NOW)).toBe(true);
    expect(verifyFileSignature(KEY, 'private', 'ch/a.png', expires, signature, NOW + 299_999)).toBe(true);
    expect(verifyFileSignature(KEY, 'private', 'ch/a.png', expires, signature, NOW + 300_000)).toBe(false);
  });

  it('refuses a signature moved to another file, side, expiry or key', () => {
    const { expires, signature } = signedParts(server.signedUrl('ch/a.png', 'private', 300));
    const flipped = (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1);
    expect(verifyFileSignature(KEY, 'private', 'ch/a.png', expires, flipped, NOW)).toBe(false);
    expect(verifyFileSignature(KEY, 'private', 'ch/b.png', expires, signature, NOW)).toBe(false);
    expect(verifyFileSignature(KEY, 'public', 'ch/a.png', expires, signature, NOW)).toBe(false);
    expect(verifyFileSignature(KEY, 'private', 'ch/a.png', expires + 1, signature, NOW)).toBe(false);
    expect(verifyFileSignature(Buffer.alloc(32, 8), 'private', 'ch/a.png', expires, signature, NOW)).toBe(
      false,
    );
    expect(verifyFileSignature(KEY, 'private', 'ch/a.png', expires, '', NOW)).toBe(false);
  });

  it('refuses every other signature of the same shape', () => {
    const { expires, signature } = signedParts(server.signedUrl('ch/a.png', 'private', 300));
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9_-]{43}$/), (other) => {
        fc.pre(other !== signature);
        expect(verifyFileSignature(KEY, 'private', 'ch/a.png', expires, other, NOW)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});

describe('LocalFileServer.open', () => {
  it('refuses without reading when the key or the query is malformed', async () => {
    const reads: string[] = [];
    const strict = new LocalFileServer({
      publicBaseUrl: 'http://x',
      signingKey: KEY,
      now: () => NOW,
      read: async (key) => {
        reads.push(key);
        return Buffer.from('x');
      },
    });
    const { signature } = signedParts(server.signedUrl('ch/a.png', 'private', 300));
    for (const request of [
      { visibility: 'public', key: '../a.png', expires: undefined, signature: undefined },
      { visibility: 'private', key: 'ch/a.png', expires: undefined, signature },
      { visibility: 'private', key: 'ch/a.png', expires: '1e12', signature },
      { visibility: 'private', key: 'ch/a.png', expires: String(NOW / 1000 + 300), signature: undefined },
    ] as const) {
      expect(await strict.open(request)).toBeNull();
    }
    expect(reads).toEqual([]);
  });
});

describe('contentTypeOf', () => {
  it('names content types by extension', () => {
    expect(contentTypeOf('a/b.PNG')).toBe('image/png');
    expect(contentTypeOf('a/b.jpg')).toBe('image/jpeg');
    expect(contentTypeOf('a/b.jpeg')).toBe('image/jpeg');
    expect(contentTypeOf('a/b.webp')).toBe('image/webp');
    expect(contentTypeOf('a/b.svg')).toBe('application/octet-stream');
    expect(contentTypeOf('a/png')).toBe('application/octet-stream');
  });
});
