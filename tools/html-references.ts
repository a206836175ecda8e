/** What a built HTML page loads, as written in it. */
export interface HtmlReferences {
  /** `src` and `href` values that name a file beside the page (`./assets/panel-x.js`). */
  readonly local: readonly string[];
  /** `src` and `href` values that point elsewhere (`https://…`, `//…`), with the tag that has them. */
  readonly remote: readonly { readonly tag: string; readonly url: string }[];
  /** `<script>` elements with code inside instead of a `src`. */
  readonly inlineScripts: number;
}

const TAG = /<([a-z][a-z0-9-]*)\b([^>]*)>/gi;
const URL_ATTRIBUTE = /\b(?:src|href)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi;
const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
// Schemes that name no file: nothing to ship, nothing fetched.
const NOT_A_FILE = /^(?:#|data:|blob:|about:|javascript:|mailto:)/i;

/** The local files, remote URLs and inline scripts of a page Vite built (attributes quoted or not). */
export function htmlReferences(html: string): HtmlReferences {
  const local = new Set<string>();
  const remote: { tag: string; url: string }[] = [];
  for (const [, tag, attributes] of html.matchAll(TAG)) {
    for (const match of attributes!.matchAll(URL_ATTRIBUTE)) {
      const url = (match[1] ?? match[2] ?? match[3] ?? '').trim();
      if (!url || NOT_A_FILE.test(url)) continue;
      if (/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(url)) remote.push({ tag: tag!.toLowerCase(), url });
      else local.add(url);
    }
  }
  let inlineScripts = 0;
  for (const [, attributes, body] of html.matchAll(SCRIPT))
    if (!/\bsrc\s*=/i.test(attributes!) && body!.trim()) inlineScripts++;
  return { local: [...local], remote, inlineScripts };
}
