import type { Visibility } from '../vocabulary/index.js';

/** What a storage driver is given to keep. */
export interface StoredObject {
  readonly key: string;
  readonly data: Buffer;
  readonly contentType: string;
  readonly visibility: Visibility;
}

/** A request for one file through a URL the driver made (`publicUrl` or `signedUrl`). */
export interface FileRequest {
  readonly visibility: Visibility;
  /** The key as it appears in the URL's path, decoded; not yet checked. */
  readonly key: string;
  /** The signed URL's query parameters, exactly as sent (absent for a plain public URL). */
  readonly expires: string | undefined;
  readonly signature: string | undefined;
}

/** A file the driver agreed to serve, and for how long the URL that asked stays good. */
export interface ServedFile {
  readonly data: Buffer;
  readonly contentType: string;
  /** Seconds until the signed URL expires; null for a public file, which any request may see. */
  readonly expiresInSeconds: number | null;
}

/**
 * How a driver whose URLs point back at this server answers them. The app mounts routes at
 * `mountPath` that turn `<mountPath>/<visibility>/<key>[?expires=&signature=]` into a
 * `FileRequest`; everything HTTP (caching, ETags, the error body) stays in those routes.
 */
export interface FileServer {
  /** Where the driver's URLs live under the server's public base URL, like `/files`. */
  readonly mountPath: string;
  /**
   * The file a request names, or null for every refusal alike (malformed key, missing file,
   * private file without a valid unexpired signature), so an answer never tells whether a
   * private file exists. A public file is served to anyone; a private one only when signed.
   */
  open(request: FileRequest): Promise<ServedFile | null>;
}

/**
 * Where asset files live: local disk (the embedded default) or Supabase Storage.
 *
 * Every driver passes `describeStorageContract` (storage-contract.ts), which checks what follows.
 *
 * - Keys are server-made (`<channel>/<asset>/<size>.png`); every method throws `TypeError` for a
 *   malformed one (`..`, absolute, backslash, empty segment…) before touching anything.
 * - The public and the private side are apart (two folders, two buckets): a key on one side is
 *   invisible from the other, and no public URL can ever reach a private file.
 * - Crash-safe visibility changes rely on callers ordering their writes, since no driver call
 *   spans rows and files: files go private BEFORE a row says private, and a row says public
 *   BEFORE its files go public, so a row that says private never has a public file. Callers
 *   record the intended change in the database first, so a reconciler can finish one cut short
 *   by retrying the same moves (which is why `move` is idempotent).
 */
export interface StorageDriver {
  readonly name: 'local' | 'supabase';
  /**
   * True when `publicUrl` points at a host that serves the file itself (Supabase, a CDN), so
   * `/asset/:id` may redirect there instead of streaming the bytes through this server.
   * A driver that says false serves its URLs through `fileServer`.
   */
  readonly publicUrlsAreExternal: boolean;
  /** Present when the driver's URLs point back at this server: the app mounts it at `mountPath`. */
  readonly fileServer?: FileServer;
  /**
   * Writes the whole file or nothing, overwriting what was under `key` on that side: a reader
   * sees the old bytes or the new, never a mix, and no temporary file is ever readable or left
   * behind. `contentType` is what the file is served with.
   */
  put(object: StoredObject): Promise<void>;
  /** The file's bytes, or null when nothing is under `key` on that side (whatever the other side holds). */
  read(key: string, visibility: Visibility): Promise<Buffer | null>;
  /** Removes the files on that side. Keys that do not exist are ignored, so repeating it is harmless. */
  remove(keys: readonly string[], visibility: Visibility): Promise<void>;
  /**
   * Moves a file to the other side, after which its old URL no longer serves it. Idempotent:
   * when the source is gone but the destination holds the file (the move already happened) it
   * succeeds, so a half-done move of several files can be retried as a whole. `from === to`
   * only checks that the file is there. Throws `NotFoundError` when the file is on neither side.
   */
  move(key: string, from: Visibility, to: Visibility): Promise<void>;
  /** A permanent URL anyone can fetch while the file is public; it serves nothing once the file is private. */
  publicUrl(key: string): string;
  /**
   * A URL that serves the file on that side to anyone holding it, until `expiresInSeconds` (> 0,
   * else `RangeError`) pass by the driver's clock. For a private file, a URL altered in any part
   * (key, expiry, signature) serves nothing.
   */
  signedUrl(key: string, visibility: Visibility, expiresInSeconds: number): Promise<string>;
}
