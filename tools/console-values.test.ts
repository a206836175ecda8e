import { describe, expect, it } from 'vitest';
import { extensionAllowlist } from '../manifest/extension-allowlist.js';
import { loadExtensionManifest } from '../manifest/extension-manifest.js';
import { loadConfig } from '../server/config/index.js';
import { consoleValues } from './console-values.js';

const manifest = await loadExtensionManifest();
const SECRET = Buffer.from('a secret of the extension').toString('base64');

/** The printed block for a deployment configured by `env`. */
function printed(env: Record<string, string>): string {
  const config = loadConfig(env);
  return consoleValues(
    {
      manifest,
      config,
      allowlist: extensionAllowlist(manifest, config),
      zipFile: '/work/studio/dist/extension.zip',
      zipBytes: 29_389,
      files: ['panel.html', 'live_config.html', 'config.html'],
    },
    '/work/studio',
  );
}

/** The value printed after a console field's name. */
const fieldValue = (text: string, field: string) =>
  text
    .split('\n')
    .find((line) => line.trimStart().startsWith(`${field} `))
    ?.slice(`    ${field}`.length)
    .trim();

describe('what packaging prints for the Twitch console', () => {
  it('gives each view’s path and the panel’s height from the manifest', () => {
    const text = printed({ PUBLIC_BASE_URL: 'https://studio.example.com' });
    expect(fieldValue(text, 'Panel Viewer Path')).toBe(manifest.views.panel.path);
    expect(fieldValue(text, 'Panel Height')).toBe(String(manifest.views.panel.height));
    expect(fieldValue(text, 'Config Path')).toBe('config.html');
    expect(fieldValue(text, 'Live Config Path')).toBe('live_config.html');
    expect(fieldValue(text, 'Upload Version Assets')).toBe('dist/extension.zip');
    expect(text).toContain('dist/extension.zip: 28.7 KB, 3 files');
  });

  it('gives the allowlists as origins: the server, and Supabase for images when it stores the files', () => {
    const local = printed({ PUBLIC_BASE_URL: 'https://studio.example.com/base' });
    expect(fieldValue(local, 'Allowlist for URL Fetching Domains')).toBe('https://studio.example.com');
    expect(fieldValue(local, 'Allowlist for Image Domains')).toBe('https://studio.example.com');
    // What the views open in a tab: connecting Twitch from the config view, a download from either.
    expect(fieldValue(local, 'Allowlist for Config URLs')).toBe(
      'https://studio.example.com/base/auth/twitch/login https://studio.example.com/base/download/',
    );
    expect(fieldValue(local, 'Allowlist for Panel URLs')).toBe('https://studio.example.com/base/download/');
    const supabase = printed({
      PUBLIC_BASE_URL: 'https://studio.example.com',
      STORAGE_DRIVER: 'supabase',
      SUPABASE_URL: 'https://abcdefgh.supabase.co',
      SUPABASE_SERVICE_ROLE_KEY: 'service-role',
    });
    expect(fieldValue(supabase, 'Allowlist for URL Fetching Domains')).toBe('https://studio.example.com');
    expect(fieldValue(supabase, 'Allowlist for Image Domains')).toBe(
      'https://studio.example.com https://abcdefgh.supabase.co',
    );
  });

  it('reminds of the extension’s credentials and says what CORS will allow, never printing the secret', () => {
    const unset = printed({ PUBLIC_BASE_URL: 'https://studio.example.com' });
    expect(fieldValue(unset, 'TWITCH_EXTENSION_CLIENT_ID')).toMatch(/^not set/);
    expect(fieldValue(unset, 'TWITCH_EXTENSION_SECRET')).toMatch(/^not set/);
    expect(unset).toContain('https://<client id>.ext-twitch.tv');
    const set = printed({
      PUBLIC_BASE_URL: 'https://studio.example.com',
      TWITCH_EXTENSION_CLIENT_ID: 'AbC123',
      TWITCH_EXTENSION_SECRET: SECRET,
    });
    expect(fieldValue(set, 'TWITCH_EXTENSION_CLIENT_ID')).toBe('AbC123 (set)');
    expect(fieldValue(set, 'TWITCH_EXTENSION_SECRET')).toBe('(set)');
    expect(set).toContain(
      'CORS on /api/v1 allows https://studio.example.com and https://abc123.ext-twitch.tv.',
    );
    expect(set).not.toContain(SECRET);
  });
});
