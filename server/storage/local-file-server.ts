import type { Visibility } from '../vocabulary/index.js';
import { fileSignature, verifyFileSignature } from './file-signature.js';
import type { FileRequest, FileServer, ServedFile } from './storage-driver.js';
import { assertStorageKey, isStorageKey } from './storage-key.js';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
};

const EXPIRES = /^\d{1,12}$/;

/** The Content-Type a local file is served with, from its key's extension (the disk keeps no types). */
export function contentTypeOf(key: string): string {
  const extension = key.slice(key.lastIndexOf('.') + 1).toLowerCase();
  return CONTENT_TYPES[extension] ?? 'application/octet-stream';
}

/** What the local file server needs from its driver. */
export interface LocalFileServerOptions {
  /** The server's public origin (and path prefix, if any); URLs are `<publicBaseUrl>/files/…`. */
  readonly publicBaseUrl: string;
  /** HMAC key for signed URLs; at least 16 bytes. */
  readonly signingKey: Buffer;
  /** Clock in milliseconds since the epoch. */
  readonly now: () => number;
  /** The driver's own read: the bytes under `key` on that side, or null. */
  readonly read: (key: string, visibility: Visibility) => Promise<Buffer | null>;
}

/**
 * The local driver's URLs, made and answered in one place: `/files/public/<key>` for anyone,
 * `/files/<side>/<key>?expires=&signature=` signed with HMAC-SHA256 over side, key and expiry.
 */
export class LocalFileServer implements FileServer {
  readonly mountPath = '/files';
  readonly #baseUrl: string;
  readonly #signingKey: Buffer;
  readonly #now: () => number;
  readonly #read: LocalFileServerOptions['read'];

  constructor(options: LocalFileServerOptions) {
    if (options.signingKey.length < 16) throw new TypeError('storage signing key must be at least 16 bytes');
    this.#baseUrl = `${options.publicBaseUrl.replace(/\/+$/, '')}${this.mountPath}`;
    this.#signingKey = Buffer.from(options.signingKey);
    this.#now = options.now;
    this.#read = options.read;
  }

  /** The permanent URL of a public file. */
  publicUrl(key: string): string {
    assertStorageKey(key);
    return `${this.#baseUrl}/public/${key}`;
  }

  /** A URL for the file on that side that stops working `expiresInSeconds` from now. */
  signedUrl(key: string, visibility: Visibility, expiresInSeconds: number): string {
    assertStorageKey(key);
    if (!Number.isFinite(expiresInSeconds) || expiresInSeconds <= 0) {
      throw new RangeError('signed URL lifetime must be a positive number of seconds');
    }
    const expires = Math.floor(this.#now() / 1000) + Math.ceil(expiresInSeconds);
    const signature = fileSignature(this.#signingKey, visibility, key, expires);
    return `${this.#baseUrl}/${visibility}/${key}?expires=${expires}&signature=${signature}`;
  }

  async open({ visibility, key, expires, signature }: FileRequest): Promise<ServedFile | null> {
    if (!isStorageKey(key)) return null;
    if (visibility === 'public') {
      // Public files need no signature, so a signed URL to one is served like its public URL.
      const data = await this.#read(key, 'public');
      return data && { data, contentType: contentTypeOf(key), expiresInSeconds: null };
    }
    if (visibility !== 'private' || !expires || !EXPIRES.test(expires) || !signature) return null;
    const now = this.#now();
    if (!verifyFileSignature(this.#signingKey, 'private', key, Number(expires), signature, now)) return null;
    const data = await this.#read(key, 'private');
    if (!data) return null;
    const expiresInSeconds = Math.max(0, Number(expires) - Math.floor(now / 1000));
    return { data, contentType: contentTypeOf(key), expiresInSeconds };
  }
}
