import { readFile } from 'node:fs/promises';
import { z } from 'zod';

const HtmlPath = z
  .string()
  .regex(/^[a-z0-9_-]+\.html$/, 'must be an HTML file name at the top of the extension, like panel.html');

/** Names in the allowlist that packaging replaces with this deployment's origins. */
export const ALLOWLIST_PLACEHOLDERS = ['{server}', '{storage}'] as const;
export type AllowlistPlaceholder = (typeof ALLOWLIST_PLACEHOLDERS)[number];

const isPlaceholder = (value: string): value is AllowlistPlaceholder =>
  (ALLOWLIST_PLACEHOLDERS as readonly string[]).includes(value);

// Twitch turns each entry into a CSP source (connect-src, img-src), which it only accepts over HTTPS.
const isHttpsOrigin = (value: string) =>
  URL.canParse(value) && new URL(value).origin === value && value.startsWith('https://');

const AllowlistEntry = z.string().refine((value) => isPlaceholder(value) || isHttpsOrigin(value), {
  message: `must be ${ALLOWLIST_PLACEHOLDERS.join(' or ')}, or an https:// origin like https://cdn.example.com`,
});

/** The extension as Twitch's developer console describes it: which page each view is, and its size. */
export const ExtensionManifestSchema = z.strictObject({
  name: z.string().min(1).max(40),
  summary: z.string().min(1).max(140),
  views: z.strictObject({
    panel: z.strictObject({
      path: HtmlPath,
      // Twitch lets a panel be 100 to 500 px tall; its width is always 318 px.
      height: z.number().int().min(100).max(500),
    }),
    liveConfig: z.strictObject({ path: HtmlPath }),
    config: z.strictObject({ path: HtmlPath }),
  }),
  // The console's "Allowlist for URL Fetching Domains" (fetch, the event stream) and "… Image Domains".
  allowlist: z.strictObject({
    urlFetching: z.array(AllowlistEntry),
    images: z.array(AllowlistEntry),
  }),
});

export type ExtensionManifest = z.infer<typeof ExtensionManifestSchema>;

/** Thrown when a file of `manifest/` is wrong; the message names each field at fault. */
export class ManifestError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
    what = 'extension manifest',
  ) {
    super(`${file} is not a valid ${what}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ManifestError';
  }
}

/** Parses a manifest, or throws `ManifestError` naming every bad field (`views.panel.height: …`). */
export function parseExtensionManifest(value: unknown, file = 'manifest/extension.json'): ExtensionManifest {
  const parsed = ExtensionManifestSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new ManifestError(
    file,
    parsed.error.issues.map((issue) => `${issue.path.join('.') || '(top level)'}: ${issue.message}`),
  );
}

/** The manifest beside this file, validated. */
export async function loadExtensionManifest(
  file = new URL('./extension.json', import.meta.url),
): Promise<ExtensionManifest> {
  const text = await readFile(file, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ManifestError(String(file), [`not JSON: ${(error as Error).message}`]);
  }
  return parseExtensionManifest(json, String(file));
}

/** The view pages in the order Twitch's console lists them. */
export function viewPages(manifest: ExtensionManifest): string[] {
  const { panel, liveConfig, config } = manifest.views;
  return [panel.path, liveConfig.path, config.path];
}
