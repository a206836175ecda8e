const URL_FUNCTION = /url\(\s*(?:"([^"]*)"|'([^']*)'|([^)]*?))\s*\)/gi;
const IMPORT_STRING = /@import\s+(?:"([^"]*)"|'([^']*)')/gi;

/** The URLs a stylesheet loads (`url(…)`, `@import "…"`), as written, without inline `data:` ones. */
export function cssReferences(css: string): string[] {
  const found = new Set<string>();
  for (const pattern of [URL_FUNCTION, IMPORT_STRING])
    for (const match of css.matchAll(pattern)) {
      const url = (match[1] ?? match[2] ?? match[3] ?? '').trim();
      if (url && !/^(?:data:|#)/i.test(url)) found.add(url);
    }
  return [...found];
}
