import { describe, expect, it } from 'vitest';
import { loadConfig } from '../server/config/index.js';
import { extensionAllowlist } from './extension-allowlist.js';
import { type ExtensionManifest, loadExtensionManifest } from './extension-manifest.js';

const manifest = await loadExtensionManifest();
const withAllowlist = (allowlist: ExtensionManifest['allowlist']): ExtensionManifest => ({
  ...manifest,
  allowlist,
});

describe('the allowlist for one deployment', () => {
  it('is the server’s origin, path dropped, when files are on local disk', () => {
    const config = loadConfig({ PUBLIC_BASE_URL: 'https://studio.example.com/base/' });
    expect(extensionAllowlist(manifest, config)).toEqual({
      urlFetching: ['https://studio.example.com'],
      images: ['https://studio.example.com'],
      configUrls: [
        'https://studio.example.com/base/auth/twitch/login',
        'https://studio.example.com/base/download/',
      ],
      panelUrls: ['https://studio.example.com/base/download/'],
    });
  });

  it('adds the Supabase storage origin to the image domains when STORAGE_DRIVER=supabase', () => {
    const config = loadConfig({
      PUBLIC_BASE_URL: 'https://studio.example.com',
      STORAGE_DRIVER: 'supabase',
      SUPABASE_URL: 'https://abcdefgh.supabase.co/',
      SUPABASE_SERVICE_ROLE_KEY: 'service-role',
    });
    expect(extensionAllowlist(manifest, config)).toMatchObject({
      urlFetching: ['https://studio.example.com'],
      images: ['https://studio.example.com', 'https://abcdefgh.supabase.co'],
    });
  });

  it('keeps literal origins and lists each origin once', () => {
    const config = loadConfig({ PUBLIC_BASE_URL: 'https://studio.example.com' });
    const allowlist = withAllowlist({
      urlFetching: ['{server}', 'https://studio.example.com', '{storage}'],
      images: ['https://cdn.example.com', '{server}'],
    });
    expect(extensionAllowlist(allowlist, config)).toMatchObject({
      urlFetching: ['https://studio.example.com'],
      images: ['https://cdn.example.com', 'https://studio.example.com'],
    });
  });
});
