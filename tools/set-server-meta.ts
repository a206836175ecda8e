import { SERVER_META_NAME } from '../extension/src/studio/server-url.js';
import { PackageError } from './package-error.js';

const META = new RegExp(`<meta\\b[^>]*\\bname=(["'])${SERVER_META_NAME}\\1[^>]*>`, 'gi');

const escapeAttribute = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The page with `serverUrl` in its one `<meta name="streamer-studio-server">`, where the views look for the server. */
export function setServerMeta(page: string, html: string, serverUrl: string): string {
  // Without exactly one, a view would fall back to its own origin: Twitch's CDN.
  const found = html.match(META) ?? [];
  if (found.length !== 1)
    throw new PackageError([
      `${page} has ${found.length} <meta name="${SERVER_META_NAME}"> where it needs one: the view could not find the server`,
    ]);
  return html.replace(META, `<meta name="${SERVER_META_NAME}" content="${escapeAttribute(serverUrl)}" />`);
}
