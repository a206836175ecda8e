import { z } from 'zod';

/** `#rrggbb`, stored lower-case. */
export const HexColor = z
  .string()
  .trim()
  .regex(/^#[0-9a-fA-F]{6}$/, 'a colour is #rrggbb')
  .transform((value) => value.toLowerCase());

const shortText = (max: number) => z.string().trim().min(1).max(max);

/** A brand kit's fields, as sent; no defaults, so a partial update changes only what it names. */
const BrandKitFields = z.strictObject({
  name: shortText(60).meta({ example: 'Cosy Pixel Club', description: 'What the kit is called.' }),
  colors: z
    .strictObject({
      primary: HexColor.meta({ example: '#9146ff', description: 'The main colour, `#rrggbb`.' }),
      secondary: HexColor.meta({ example: '#1f1f23', description: 'The supporting colour, `#rrggbb`.' }),
      accent: HexColor.meta({ example: '#ffb31a', description: 'Highlights and details, `#rrggbb`.' }),
    })
    .meta({ description: 'The three colours every asset is drawn in.' }),
  fonts: z
    .array(shortText(60))
    .max(4)
    .meta({ example: ['Inter', 'Bangers'], description: 'Typefaces, by name, for any lettering.' }),
  tone: z
    .string()
    .trim()
    .max(120)
    .meta({ example: 'playful and upbeat', description: 'The mood the assets should carry.' }),
  styleWords: z
    .array(shortText(40))
    .max(12)
    .meta({
      example: ['bold outlines', 'flat colours'],
      description: 'Short phrases about the drawing style.',
    }),
  logoDescription: z.string().trim().max(300).optional().meta({
    example: 'a round fox head wearing a purple scarf',
    description: 'The logo in words, so the model can echo it.',
  }),
});

/**
 * What a streamer's brand is: the values every prompt is built from. Strict: a misspelt field
 * ("colours") is an error, not a setting silently ignored.
 */
export const BrandKitSchema = BrandKitFields.extend({
  fonts: BrandKitFields.shape.fonts.default([]),
  tone: BrandKitFields.shape.tone.default(''),
  styleWords: BrandKitFields.shape.styleWords.default([]),
});

/** A change to a kit: only the fields it names change (no defaults fill in the others). */
export const BrandKitPatchSchema = BrandKitFields.partial();

export type BrandKit = z.infer<typeof BrandKitSchema>;
export type BrandKitInput = z.input<typeof BrandKitSchema>;

/** The kit used when a channel has none yet: neutral, readable, clearly ours. */
export const DEFAULT_BRAND_KIT: BrandKit = {
  name: 'Streamer Studio',
  colors: { primary: '#9146ff', secondary: '#1f1f23', accent: '#ffb31a' },
  fonts: ['Inter'],
  tone: 'playful and upbeat',
  styleWords: ['bold outlines', 'flat colours', 'clean shapes'],
};

/** A brand kit's colours, primary first. */
export function palette(kit: BrandKit): string[] {
  return [kit.colors.primary, kit.colors.secondary, kit.colors.accent];
}
