import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type ExtensionAllowlist, extensionAllowlist } from '../manifest/extension-allowlist.js';
import {
  type ExtensionManifest,
  loadExtensionManifest,
  ManifestError,
  viewPages,
} from '../manifest/extension-manifest.js';
import { type Config, ConfigError } from '../server/config/index.js';
import { buildExtension } from './build-fronts.js';
import { consoleValues } from './console-values.js';
import { extensionFiles } from './extension-files.js';
import { PackageError } from './package-error.js';
import { packagingConfig } from './packaging-config.js';
import { setServerMeta } from './set-server-meta.js';
import { zipFiles } from './zip-files.js';

/** Where `npm run package:extension` writes the zip Twitch's "upload assets" takes. */
export const EXTENSION_ZIP = resolve(import.meta.dirname, '..', 'dist', 'extension.zip');

export interface PackageOptions {
  /** The server's environment: PUBLIC_BASE_URL, STORAGE_DRIVER, … read as the server reads them. */
  readonly env: Record<string, string | undefined>;
  readonly zipFile?: string;
}

/** A zip written for one deployment, and the console values that go with it. */
export interface PackagedExtension {
  readonly zipFile: string;
  readonly zipBytes: number;
  /** Every path in the zip, sorted. */
  readonly files: readonly string[];
  readonly config: Config;
  readonly manifest: ExtensionManifest;
  readonly allowlist: ExtensionAllowlist;
}

/** Builds the views and writes the zip Twitch's "upload assets" takes, for the server in `env`. */
export async function packageExtension(options: PackageOptions): Promise<PackagedExtension> {
  const config = packagingConfig(options.env);
  const manifest = await loadExtensionManifest();
  const zipFile = options.zipFile ?? EXTENSION_ZIP;
  // A folder of its own: dist/extension is what the rig serves, with the server meta left empty.
  const buildDir = await mkdtemp(join(tmpdir(), 'streamer-studio-extension-'));
  try {
    await buildExtension(buildDir);
    const files = await extensionFiles(buildDir, viewPages(manifest));
    for (const page of viewPages(manifest)) {
      const html = setServerMeta(page, files.get(page)!.toString('utf8'), config.publicBaseUrl);
      files.set(page, Buffer.from(html));
    }
    const zip = zipFiles(files);
    await mkdir(dirname(zipFile), { recursive: true });
    await writeFile(zipFile, zip);
    return {
      zipFile,
      zipBytes: zip.length,
      files: [...files.keys()].sort(),
      config,
      manifest,
      allowlist: extensionAllowlist(manifest, config),
    };
  } finally {
    await rm(buildDir, { recursive: true, force: true });
  }
}

/** `npm run package:extension`: the zip, and what to paste into Twitch's console. */
async function main(): Promise<void> {
  try {
    process.stdout.write(consoleValues(await packageExtension({ env: process.env })));
  } catch (error) {
    // A setting or file at fault is the operator's to fix: say which, without a stack trace.
    const known = [ConfigError, ManifestError, PackageError].some((kind) => error instanceof kind);
    if (known) console.error(`streamer-studio package:extension: ${(error as Error).message}`);
    else console.error('streamer-studio package:extension failed:', error);
    process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();
