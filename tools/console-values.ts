import { relative } from 'node:path';
import type { ExtensionAllowlist } from '../manifest/extension-allowlist.js';
import type { ExtensionManifest } from '../manifest/extension-manifest.js';
import type { Config } from '../server/config/index.js';
import { allowedOrigins } from '../server/http/allowed-origins.js';

/** What packaging made, as the console needs it. */
export interface ConsoleValuesInput {
  readonly manifest: ExtensionManifest;
  readonly config: Pick<Config, 'publicBaseUrl' | 'twitch'>;
  readonly allowlist: ExtensionAllowlist;
  readonly zipFile: string;
  readonly zipBytes: number;
  readonly files: readonly string[];
}

const field = (name: string, value: string) => `    ${name.padEnd(38)} ${value}`;
const list = (origins: readonly string[]) => (origins.length ? origins.join(' ') : '(leave empty)');

/** The text `npm run package:extension` prints: each console field with the value to paste, and what the server needs. */
export function consoleValues(input: ConsoleValuesInput, cwd = process.cwd()): string {
  const { manifest, config, allowlist } = input;
  const { panel, liveConfig } = manifest.views;
  const clientId = config.twitch.extensionClientId;
  const cors = allowedOrigins({
    ...config,
    twitch: { ...config.twitch, extensionClientId: clientId ?? '<client id>' },
  });
  return [
    `  wrote ${relative(cwd, input.zipFile)}: ${(input.zipBytes / 1024).toFixed(1)} KB, ${input.files.length} files, calling ${config.publicBaseUrl}`,
    '',
    '  Twitch developer console → Extensions → your extension → Version:',
    '  Asset Hosting',
    field('Panel Viewer Path', panel.path),
    field('Panel Height', String(panel.height)),
    field('Config Path', manifest.views.config.path),
    field('Live Config Path', liveConfig.path),
    '  Capabilities',
    field('Allowlist for URL Fetching Domains', list(allowlist.urlFetching)),
    field('Allowlist for Image Domains', list(allowlist.images)),
    field('Allowlist for Media Domains', list([])),
    field('Allowlist for Config URLs', list(allowlist.configUrls)),
    field('Allowlist for Panel URLs', list(allowlist.panelUrls)),
    '  Files',
    field('Upload Version Assets', relative(cwd, input.zipFile)),
    '',
    '  On the server (Extensions → your extension → Settings → Client ID and Extension Secrets):',
    field('TWITCH_EXTENSION_CLIENT_ID', clientId ? `${clientId} (set)` : 'not set: the Client ID'),
    field(
      'TWITCH_EXTENSION_SECRET',
      config.twitch.extensionSecret ? '(set)' : 'not set: the Extension Secret (base64)',
    ),
    `  so it checks the viewers' Twitch tokens, and CORS on /api/v1 allows ${cors.join(' and ')}.`,
    '',
  ].join('\n');
}
