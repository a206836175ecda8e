import { type Config, ConfigError, loadConfig } from '../server/config/index.js';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** True for https URLs, and for http ones on this machine (what a browser lets an HTTPS page call). */
export function isSecureUrl(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  return protocol === 'https:' || (protocol === 'http:' && LOOPBACK.has(hostname));
}

/** The server's config, read as the server reads it, with an explicit https PUBLIC_BASE_URL; else a `ConfigError`. */
export function packagingConfig(environment: Record<string, string | undefined>): Config {
  const config = loadConfig(environment);
  const problems: string[] = [];
  // Explicit, because the server's own default is a loopback address no viewer can reach.
  if (!environment.PUBLIC_BASE_URL?.trim())
    problems.push(
      "PUBLIC_BASE_URL: is required to package the extension: its views run on Twitch's CDN and call the server at this public URL (like https://studio.example.com)",
    );
  else if (!isSecureUrl(config.publicBaseUrl))
    problems.push(
      'PUBLIC_BASE_URL: must be https://: Twitch serves extensions over HTTPS and only lets them call HTTPS hosts (http is accepted for localhost and 127.0.0.1, to test on this machine)',
    );
  if (config.storage.driver === 'supabase' && !isSecureUrl(config.storage.url))
    problems.push('SUPABASE_URL: must be https://: the views show its images inside Twitch’s HTTPS page');
  if (problems.length) throw new ConfigError(problems);
  return config;
}
