import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  type ExtensionManifest,
  loadExtensionManifest,
  ManifestError,
  parseExtensionManifest,
  viewPages,
} from './extension-manifest.js';

const shipped = JSON.parse(
  await readFile(new URL('./extension.json', import.meta.url), 'utf8'),
) as ExtensionManifest;

/** The shipped manifest with the field at `path` (`views.panel.height`) set to `value`, or removed for `undefined`. */
function changed(path: string, value: unknown): unknown {
  const copy = structuredClone(shipped) as unknown as Record<string, unknown>;
  const keys = path.split('.');
  const last = keys.pop()!;
  const parent = keys.reduce((node, key) => node[key] as Record<string, unknown>, copy);
  if (value === undefined) delete parent[last];
  else parent[last] = value;
  return copy;
}

/** The problems `parseExtensionManifest` names for `value`, or fails the test when it accepts it. */
function problemsOf(value: unknown): readonly string[] {
  try {
    parseExtensionManifest(value);
  } catch (error) {
    expect(error).toBeInstanceOf(ManifestError);
    return (error as ManifestError).problems;
  }
  expect.unreachable('the manifest was accepted');
}

describe('the extension manifest', () => {
  it('shipped in manifest/ is valid and lists the three views in the console’s order', async () => {
    const manifest = await loadExtensionManifest();
    expect(viewPages(manifest)).toEqual(['panel.html', 'live_config.html', 'config.html']);
    expect(manifest.views.panel.height).toBeLessThanOrEqual(500);
    expect(manifest.allowlist.urlFetching).toContain('{server}');
  });

  it('names a missing field by its path', () => {
    const problems = problemsOf(changed('views.panel.height', undefined));
    expect(problems).toEqual([expect.stringMatching(/^views\.panel\.height: /)]);
  });

  it('names a field of the wrong type or out of Twitch’s range', () => {
    expect(problemsOf(changed('views.panel.height', '500'))).toEqual([
      expect.stringMatching(/^views\.panel\.height: /),
    ]);
    expect(problemsOf(changed('views.panel.height', 900))).toEqual([
      expect.stringMatching(/^views\.panel\.height: .*500/),
    ]);
    expect(problemsOf(changed('views.config.path', 'src/config.html'))).toEqual([
      expect.stringMatching(/^views\.config\.path: .*HTML file name/),
    ]);
  });

  it('refuses fields it does not know, at any depth', () => {
    expect(problemsOf(changed('views.panel.width', 318))).toEqual([
      expect.stringMatching(/^views\.panel: .*width/),
    ]);
    expect(problemsOf(changed('anchor', 'video_overlay'))).toEqual([
      expect.stringMatching(/^\(top level\): .*anchor/),
    ]);
  });

  it('accepts only known placeholders and https origins in the allowlist', () => {
    const entries = ['{server}', '{cdn}', 'http://cdn.example.com', 'https://cdn.example.com/images'];
    const problems = problemsOf(changed('allowlist.images', entries));
    expect(problems).toEqual([
      expect.stringMatching(/^allowlist\.images\.1: must be \{server\} or \{storage\}/),
      expect.stringMatching(/^allowlist\.images\.2: /),
      expect.stringMatching(/^allowlist\.images\.3: /),
    ]);
    expect(
      parseExtensionManifest(changed('allowlist.images', ['https://cdn.example.com'])).allowlist,
    ).toEqual({ urlFetching: ['{server}'], images: ['https://cdn.example.com'] });
  });

  it('names every problem at once, and the file at fault', () => {
    const error = (() => {
      try {
        parseExtensionManifest({ name: '', views: {} }, 'my-manifest.json');
      } catch (caught) {
        return caught as ManifestError;
      }
    })();
    expect(error?.message).toMatch(/^my-manifest\.json is not a valid extension manifest:/);
    expect(error?.problems.map((p) => p.split(':')[0])).toEqual([
      'name',
      'summary',
      'views.panel',
      'views.liveConfig',
      'views.config',
      'allowlist',
    ]);
  });

  it('reports a file that is not JSON as a ManifestError naming the file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'manifest-'));
    try {
      const file = join(dir, 'extension.json');
      await writeFile(file, '{ "name": ');
      await expect(loadExtensionManifest(pathToFileURL(file))).rejects.toThrow(/extension\.json.*not JSON/s);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
