import { type BrandKit, DEFAULT_BRAND_KIT } from '../brand/index.js';
import type { BrandPlaceholder } from './placeholders.js';
import { sanitizeBrandText } from './sanitize-user-text.js';

/**
 * What an empty value reads as. Every template names every brand value, so a kit without fonts
 * or tone must still leave a grammatical brief; these are neutral choices, not anyone's brand.
 */
export const BRAND_FALLBACKS: Readonly<Record<BrandPlaceholder, string>> = {
  'brand.name': 'the channel',
  'brand.primary': DEFAULT_BRAND_KIT.colors.primary,
  'brand.secondary': DEFAULT_BRAND_KIT.colors.secondary,
  'brand.accent': DEFAULT_BRAND_KIT.colors.accent,
  'brand.fonts': 'a bold, clean sans-serif',
  'brand.tone': 'friendly and welcoming',
  'brand.styleWords': 'clean, modern, bold shapes',
  'brand.logoDescription': 'none described',
};

function list(items: readonly string[]): string {
  return items.map(sanitizeBrandText).filter(Boolean).join(', ');
}

/** The value of every brand placeholder for a kit, each passed through the one sanitizer. */
export function brandValues(kit: BrandKit): Record<BrandPlaceholder, string> {
  const raw: Record<BrandPlaceholder, string> = {
    'brand.name': sanitizeBrandText(kit.name),
    'brand.primary': sanitizeBrandText(kit.colors.primary),
    'brand.secondary': sanitizeBrandText(kit.colors.secondary),
    'brand.accent': sanitizeBrandText(kit.colors.accent),
    'brand.fonts': list(kit.fonts),
    'brand.tone': sanitizeBrandText(kit.tone),
    'brand.styleWords': list(kit.styleWords),
    'brand.logoDescription': sanitizeBrandText(kit.logoDescription ?? ''),
  };
  for (const key of Object.keys(raw) as BrandPlaceholder[]) {
    if (raw[key] === '') raw[key] = BRAND_FALLBACKS[key];
  }
  return raw;
}
