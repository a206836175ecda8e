import { unzipSync } from 'fflate';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { zipFiles } from './zip-files.js';

const bytes = (text: string) => new TextEncoder().encode(text);
const files = (order: string[]) => new Map(order.map((path) => [path, bytes(`contents of ${path}`)]));

/** The entry names in the zip's central directory, in the order they are stored. */
function entryNames(zip: Uint8Array): string[] {
  const names: string[] = [];
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  for (let at = 0; at < zip.length - 4; at++)
    if (view.getUint32(at, true) === 0x02014b50) {
      const length = view.getUint16(at + 28, true);
      names.push(new TextDecoder().decode(zip.subarray(at + 46, at + 46 + length)));
      at += 45 + length;
    }
  return names;
}

describe('a zip of files', () => {
  it('holds each file under its path, byte for byte', () => {
    const unzipped = unzipSync(zipFiles(files(['panel.html', 'assets/panel-x.js'])));
    expect(Object.keys(unzipped).sort()).toEqual(['assets/panel-x.js', 'panel.html']);
    expect(new TextDecoder().decode(unzipped['assets/panel-x.js'])).toBe('contents of assets/panel-x.js');
  });

  it('stores entries sorted, so the order files were found in does not matter', () => {
    const zip = zipFiles(files(['panel.html', 'assets/b.js', 'assets/a.js', 'config.html']));
    expect(entryNames(zip)).toEqual(['assets/a.js', 'assets/b.js', 'config.html', 'panel.html']);
    expect(zipFiles(files(['config.html', 'assets/a.js', 'panel.html', 'assets/b.js']))).toEqual(zip);
  });

  afterEach(() => vi.useRealTimers());

  it('is the same bytes whenever it is made', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-01-01T10:00:00Z'));
    const first = zipFiles(files(['panel.html']));
    vi.setSystemTime(new Date('2031-07-15T23:59:58Z'));
    expect(zipFiles(files(['panel.html']))).toEqual(first);
  });
});
