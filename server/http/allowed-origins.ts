import type { Config } from '../config/index.js';

/**
 * The browser origins that may call the API: the server's own pages (the rig, the overlay, /docs)
 * and, when the extension is configured, the origin Twitch serves it from. Never `*`: a page
 * elsewhere has no business reading a channel's data with a token it got hold of.
 */
export function allowedOrigins(config: Pick<Config, 'publicBaseUrl' | 'twitch'>): string[] {
  const origins = [new URL(config.publicBaseUrl).origin];
  const clientId = config.twitch.extensionClientId;
  if (clientId) origins.push(`https://${clientId.toLowerCase()}.ext-twitch.tv`);
  return origins;
}
