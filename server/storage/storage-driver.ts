import type { Visibility } from '../assets/asset.js';

/** What a storage driver is given to keep. */
export interface StoredObject {
  readonly key: string;
  readonly data: Buffer;
  readonly contentType: string;
  readonly visibility: Visibility;
}

/**
 * Where asset files live: local disk (embedded default) or Supabase Storage. Public and private
 * files live apart (two folders, two buckets), so a public URL can never reach a private file.
 */
export interface StorageDriver {
  readonly name: 'local' | 'supabase';
  /** Writes a whole file or nothing (no reader ever sees half a file). Overwrites. */
  put(object: StoredObject): Promise<void>;
  /** The file's bytes, or null when there is none under `key` with that visibility. */
  read(key: string, visibility: Visibility): Promise<Buffer | null>;
  /** Removes the files; keys that do not exist are ignored. */
  remove(keys: readonly string[], visibility: Visibility): Promise<void>;
  /** Moves a file between the public and the private side. */
  move(key: string, from: Visibility, to: Visibility): Promise<void>;
  /** A permanent URL anyone can fetch, for public files. */
  publicUrl(key: string): string;
  /** A URL that serves the file (public or private) until it expires. */
  signedUrl(key: string, visibility: Visibility, expiresInSeconds: number): Promise<string>;
}
