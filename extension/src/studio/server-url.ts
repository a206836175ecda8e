/** The `<meta>` that `npm run package:extension` fills with `PUBLIC_BASE_URL`. */
export const SERVER_META_NAME = 'streamer-studio-server';

/**
 * Where the Streamer Studio server is: written into each page when the extension is packaged for
 * Twitch (which serves the views from its own CDN), or this page's own origin in the local rig.
 */
export function serverUrl(doc: Document = document): string {
  const meta = doc.querySelector<HTMLMetaElement>(`meta[name="${SERVER_META_NAME}"]`);
  const configured = meta?.content.trim();
  return (configured || doc.location.origin).replace(/\/+$/, '');
}
