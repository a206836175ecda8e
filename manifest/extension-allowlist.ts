import type { Config } from '../server/config/index.js';
import type { AllowlistPlaceholder, ExtensionManifest } from './extension-manifest.js';

/** The domains to paste into Twitch's console, as origins (`https://studio.example.com`), and the URLs the views open. */
export interface ExtensionAllowlist {
  readonly urlFetching: readonly string[];
  readonly images: readonly string[];
  /** Pages the config and live config views open in a new tab: connecting Twitch, a download. */
  readonly configUrls: readonly string[];
  /** Pages the panel opens in a new tab: a download (the broadcaster curates there too). */
  readonly panelUrls: readonly string[];
}

type Deployment = Pick<Config, 'publicBaseUrl' | 'storage'>;

// Each placeholder's origins for one deployment; the Record makes a new placeholder fail to compile until handled here.
const ORIGINS: Record<AllowlistPlaceholder, (config: Deployment) => string[]> = {
  '{server}': (config) => [new URL(config.publicBaseUrl).origin],
  // The local driver's files come from the server itself ({server}); Supabase serves its own.
  '{storage}': (config) => (config.storage.driver === 'supabase' ? [new URL(config.storage.url).origin] : []),
};

const resolve = (entries: readonly string[], config: Deployment) => [
  ...new Set(
    entries.flatMap((entry) => (entry in ORIGINS ? ORIGINS[entry as AllowlistPlaceholder](config) : [entry])),
  ),
];

/** The manifest's allowlist with its placeholders replaced by this deployment's origins, without repeats. */
export function extensionAllowlist(manifest: ExtensionManifest, config: Deployment): ExtensionAllowlist {
  const server = config.publicBaseUrl.replace(/\/+$/, '');
  return {
    urlFetching: resolve(manifest.allowlist.urlFetching, config),
    images: resolve(manifest.allowlist.images, config),
    // Twitch lets a view open only allowlisted URLs (window.open, links): these are the server's
    // routes the views open, as prefixes under the public URL.
    configUrls: [`${server}/auth/twitch/login`, `${server}/download/`],
    panelUrls: [`${server}/download/`],
  };
}
