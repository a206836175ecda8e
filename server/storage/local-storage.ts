import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, rmdir, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { NotFoundError } from '../errors/index.js';
import type { Visibility } from '../vocabulary/index.js';
import { LocalFileServer } from './local-file-server.js';
import type { StorageDriver, StoredObject } from './storage-driver.js';
import { resolveKeyPath } from './storage-key.js';

/** Where the local driver keeps files and how it signs URLs to them. */
export interface LocalStorageOptions {
  /** `DATA_DIR/assets`; files go to `<root>/public/<key>` and `<root>/private/<key>`. */
  readonly root: string;
  /** The server's public origin (and path prefix, if any); URLs are `<publicBaseUrl>/files/…`. */
  readonly publicBaseUrl: string;
  /** HMAC key for signed URLs; at least 16 bytes. */
  readonly signingKey: Buffer;
  /** Clock in milliseconds since the epoch that signed URLs are checked against; injected by tests. */
  readonly now?: () => number;
}

// A file name is "missing" for read and remove when it, or a parent, is absent or not a file.
const MISSING = new Set(['ENOENT', 'ENOTDIR', 'EISDIR']);

function isMissing(error: unknown): boolean {
  return MISSING.has((error as NodeJS.ErrnoException | null)?.code ?? '');
}

/** Asset files on local disk (the embedded default); this server answers their URLs through `fileServer`. */
export class LocalStorageDriver implements StorageDriver {
  readonly name = 'local' as const;
  readonly publicUrlsAreExternal = false;
  readonly fileServer: LocalFileServer;
  readonly #root: string;

  constructor(options: LocalStorageOptions) {
    this.#root = path.resolve(options.root);
    this.fileServer = new LocalFileServer({
      publicBaseUrl: options.publicBaseUrl,
      signingKey: options.signingKey,
      now: options.now ?? Date.now,
      read: (key, visibility) => this.read(key, visibility),
    });
  }

  async put(object: StoredObject): Promise<void> {
    const target = this.#pathOf(object.key, object.visibility);
    const dir = path.dirname(target);
    await mkdir(dir, { recursive: true });
    // Same directory, so the rename is atomic: readers see the old file or the new one, never half.
    const temp = path.join(dir, `.${path.basename(target)}.${randomUUID()}.tmp`);
    try {
      await writeFile(temp, object.data, { flag: 'wx' }).catch(async (error) => {
        // A remove emptied and pruned the folder between mkdir and the write: make it again.
        if (!isMissing(error)) throw error;
        await mkdir(dir, { recursive: true });
        await writeFile(temp, object.data, { flag: 'wx' });
      });
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
      await this.#pruneEmptyFolders(file, visibility);
    }
  }

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
      await this.#pruneEmptyFolders(source, from);
    } catch (error) {
      // The source is gone: a move that already happened is done, not an error.
      if (isMissing(error) && (await this.read(key, to)) !== null) return;
      if (isMissing(error)) throw new NotFoundError('no such file to move');
      throw error;
    }
  }

  publicUrl(key: string): string {
    return this.fileServer.publicUrl(key);
  }

  async signedUrl(key: string, visibility: Visibility, expiresInSeconds: number): Promise<string> {
    return this.fileServer.signedUrl(key, visibility, expiresInSeconds);
  }

  /** Removes the folders above `file` that are now empty, up to (not including) the side's root. */
  async #pruneEmptyFolders(file: string, visibility: Visibility): Promise<void> {
    const side = path.join(this.#root, visibility);
    for (let dir = path.dirname(file); dir.startsWith(side + path.sep); dir = path.dirname(dir)) {
      try {
        await rmdir(dir);
      } catch (error) {
        if (isMissing(error)) continue;
        return; // ENOTEMPTY (or anything else): what is left above stays.
      }
    }
  }

  #pathOf(key: string, visibility: Visibility): string {
    if (visibility !== 'public' && visibility !== 'private') throw new TypeError('invalid visibility');
    return resolveKeyPath(path.join(this.#root, visibility), key);
  }
}
