import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { NotFoundError } from '../errors/index.js';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** A built file's path: one or two plain segments, nothing that climbs out of the folder. */
const FILE_PATH = /^(?:assets\/)?[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

/** Hashed names under assets/ never change content, so they are cached for good. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * The files a front end's build wrote (`npm run build`), read on each request so a rebuild
 * shows without a restart; nothing outside the folder, and only the kinds of file a build makes.
 */
export class BuiltFiles {
  constructor(
    readonly dir: string,
    /** What to tell someone whose build is missing. */
    private readonly hint = 'run `npm run build` (npm start does it for you)',
  ) {}

  /** The content type of a file the build may serve, or undefined for any other name. */
  contentType(name: string): string | undefined {
    return FILE_PATH.test(name) ? CONTENT_TYPES[extname(name)] : undefined;
  }

  /** The file's bytes; `NotFoundError` for a name outside the build or a build that lacks it. */
  async read(name: string): Promise<Buffer> {
    const path = resolve(this.dir, name);
    if (!this.contentType(name) || !path.startsWith(this.dir + sep))
      throw new NotFoundError(`no such file: ${name}`);
    try {
      return await readFile(path);
    } catch {
      throw new NotFoundError(`the build has no ${name}: ${this.hint}`);
    }
  }
}
