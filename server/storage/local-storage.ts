import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Visibility } from '../assets/asset.js';
import { NotFoundError } from '../errors/index.js';
import { fileSignature, verifyFileSignature } from './file-signature.js';
import type { StorageDriver, StoredObject } from './storage-driver.js';
import { assertStorageKey, resolveKeyPath } from './storage-key.js';

export { verifyFileSignature } from './file-signature.js';
export { localFileRoutes } from './local-file-routes.js';

/** Where the local driver keeps files and how it signs URLs to them. */
export interface LocalStorageOptions {
  /** `DATA_DIR/assets`; files go to `<root>/public/<key>` and `<root>/private/<key>`. */
  readonly root: string;
  /** The server's public origin (and path prefix, if any); URLs are `<publicBaseUrl>/files/…`. */
  readonly publicBaseUrl: string;
  /** HMAC key for signed URLs; at least 16 bytes. */
  readonly signingKey: Buffer;
  /** Clock in milliseconds since the epoch; injected by tests. */
  readonly now?: () => number;
}

// A file name is "missing" for read and remove when it, or a parent, is absent or not a file.
const MISSING = new Set(['ENOENT', 'ENOTDIR', 'EISDIR']);

function isMissing(error: unknown): boolean {
  return MISSING.has((error as NodeJS.ErrnoException | null)?.code ?? '');
}

/** Asset files on local disk (the embedded default), served by `localFileRoutes` with HMAC-signed URLs. */
export class LocalStorageDriver implements StorageDriver {
  readonly name = 'local' as const;
  /** Milliseconds since the epoch, as the driver sees it. */
  readonly now: () => number;
  readonly #root: string;
  readonly #baseUrl: string;
  readonly #signingKey: Buffer;

  constructor(options: LocalStorageOptions) {
    if (options.signingKey.length < 16) throw new TypeError('storage signing key must be at least 16 bytes');
    this.#root = path.resolve(options.root);
    this.#baseUrl = options.publicBaseUrl.replace(/\/+$/, '');
    this.#signingKey = Buffer.from(options.signingKey);
    this.now = options.now ?? Date.now;
  }

  async put(object: StoredObject): Promise<void> {
    const target = this.#pathOf(object.key, object.visibility);
    const dir = path.dirname(target);
    await mkdir(dir, { recursive: true });
    // Same directory, so the rename is atomic: readers see the old file or the new one, never half.
    const temp = path.join(dir, `.${path.basename(target)}.${randomUUID()}.tmp`);
    try {
      await writeFile(temp, object.data, { flag: 'wx' });
      await rename(temp, target);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  async read(key: string, visibility: Visibility): Promise<Buffer | null> {
    try {
      return await readFile(this.#pathOf(key, visibility));
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async remove(keys: readonly string[], visibility: Visibility): Promise<void> {
    const paths = keys.map((key) => this.#pathOf(key, visibility));
    for (const file of paths) {
      try {
        await unlink(file);
      } catch (error) {
        if (!isMissing(error)) throw error;
      }
    }
  }

  /**
   * Moves a file between sides. Idempotent: if the source is gone but the destination exists (a
   * move that already happened), it succeeds, so a half-done multi-file move can simply be retried.
   */
  async move(key: string, from: Visibility, to: Visibility): Promise<void> {
    const source = this.#pathOf(key, from);
    const target = this.#pathOf(key, to);
    if (from === to) {
      if ((await this.read(key, from)) === null) throw new NotFoundError('no such file to move');
      return;
    }
    await mkdir(path.dirname(target), { recursive: true });
    try {
      await rename(source, target);
    } catch (error) {
      if (isMissing(error) && (await this.read(key, to)) !== null) return;
      if (isMissing(error)) throw new NotFoundError('no such file to move');
      throw error;
    }
  }

  publicUrl(key: string): string {
    assertStorageKey(key);
    return `${this.#baseUrl}/files/public/${key}`;
  }

  async signedUrl(key: string, visibility: Visibility, expiresInSeconds: number): Promise<string> {
    assertStorageKey(key);
    if (!Number.isFinite(expiresInSeconds) || expiresInSeconds <= 0) {
      throw new RangeError('signed URL lifetime must be a positive number of seconds');
    }
    const expires = Math.floor(this.now() / 1000) + Math.ceil(expiresInSeconds);
    const signature = fileSignature(this.#signingKey, visibility, key, expires);
    return `${this.#baseUrl}/files/${visibility}/${key}?expires=${expires}&signature=${signature}`;
  }

  /** True when a signed URL's `expires` and `signature` are genuine for this file and not yet expired. */
  verifySignature(visibility: Visibility, key: string, expires: number, signature: string): boolean {
    return verifyFileSignature(this.#signingKey, visibility, key, expires, signature, this.now());
  }

  #pathOf(key: string, visibility: Visibility): string {
    if (visibility !== 'public' && visibility !== 'private') throw new TypeError('invalid visibility');
    return resolveKeyPath(path.join(this.#root, visibility), key);
  }
}
