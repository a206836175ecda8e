import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, normalize, sep } from 'node:path';

const BLOCK = 512;

/** A tar that cannot be what `dumpDataDir` wrote: truncated, a bad header checksum, or a path out of the target. */
export class TarError extends Error {
  override readonly name = 'TarError';
}

const text = (bytes: Uint8Array, start: number, length: number) =>
  Buffer.from(bytes.subarray(start, start + length))
    .toString('latin1')
    .replace(/\0.*$/s, '');

function octal(bytes: Uint8Array, start: number, length: number): number {
  const value = text(bytes, start, length).trim();
  if (!/^[0-7]*$/.test(value)) throw new TarError(`not an octal number in a tar header: ${value}`);
  return value ? Number.parseInt(value, 8) : 0;
}

/** POSIX: the sum of the header's bytes with the checksum field itself counted as spaces. */
function checksumOk(header: Uint8Array): boolean {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i]!;
  return sum === octal(header, 148, 8);
}

/**
 * Writes the regular files and directories of a ustar archive (what PGlite's `dumpDataDir`
 * produces) under `directory`, with Postgres's private modes (0700/0600).
 */
export async function extractTar(tar: Uint8Array, directory: string): Promise<void> {
  const made = new Set<string>();
  const makeDirectory = async (path: string) => {
    if (made.has(path)) return;
    await mkdir(path, { recursive: true, mode: 0o700 });
    made.add(path);
  };
  let offset = 0;
  for (;;) {
    if (offset + BLOCK > tar.length) throw new TarError('the tar ends before its end-of-archive block');
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((byte) => byte === 0)) return;
    if (!checksumOk(header)) throw new TarError(`bad header checksum at byte ${offset}`);
    const prefix = text(header, 345, 155);
    const name = normalize(`${prefix ? `${prefix}/` : ''}${text(header, 0, 100)}`).replace(/^[/\\]+/, '');
    if (name === '..' || name.startsWith(`..${sep}`))
      throw new TarError(`a path outside the target: ${name}`);
    const size = octal(header, 124, 12);
    const start = offset + BLOCK;
    if (start + size > tar.length) throw new TarError(`${name} is cut short`);
    const type = String.fromCharCode(header[156]!);
    const path = join(directory, name);
    if (type === '5') await makeDirectory(path);
    else if (type === '0' || type === '\0') {
      await makeDirectory(dirname(path));
      await writeFile(path, tar.subarray(start, start + size), { mode: 0o600 });
    }
    offset = start + Math.ceil(size / BLOCK) * BLOCK;
  }
}
