/** The brand values a template may name; every template names each of them in its instructions. */
export const BRAND_PLACEHOLDERS = [
  'brand.name',
  'brand.primary',
  'brand.secondary',
  'brand.accent',
  'brand.fonts',
  'brand.tone',
  'brand.styleWords',
  'brand.logoDescription',
] as const;

export type BrandPlaceholder = (typeof BRAND_PLACEHOLDERS)[number];

/** `{{ name }}`; the name may not contain braces, so `{{{x}}}` is reported rather than half-matched. */
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The placeholder names in a piece of template text, in order of appearance. */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((match) => match[1] ?? '');
}

/** True when the text has `{{` or `}}` that do not form a placeholder (a typo the model would see verbatim). */
export function hasStrayBraces(text: string): boolean {
  const rest = text.replace(PLACEHOLDER, '');
  return rest.includes('{{') || rest.includes('}}');
}

/**
 * Replaces every placeholder with its value in one pass, so a value is never scanned for
 * placeholders itself. A name without a value is a bug in the caller: templates are validated at
 * load, so this throws rather than leave `{{…}}` in a prompt.
 */
export function fillPlaceholders(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(PLACEHOLDER, (_, name: string) => {
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    if (value === undefined) throw new Error(`no value for placeholder {{${name}}}`);
    return value;
  });
}
