import { z } from 'zod';
import { ASSET_TYPES } from '../server/catalogue/asset-catalogue.js';

/** The OBS canvas the slots' boxes are laid out on (OBS's default base resolution). */
export const CANVAS = { width: 1920, height: 1080 } as const;

/** How an asset comes on screen: an emote pops, an alert plays as a card, a full frame fades in. */
export const ENTRANCES = ['pop', 'card', 'fade'] as const;
export type Entrance = (typeof ENTRANCES)[number];

const Box = z
  .strictObject({
    x: z
      .number()
      .int()
      .min(0)
      .max(CANVAS.width - 1),
    y: z
      .number()
      .int()
      .min(0)
      .max(CANVAS.height - 1),
    width: z.number().int().min(1).max(CANVAS.width),
    height: z.number().int().min(1).max(CANVAS.height),
  })
  .refine((box) => box.x + box.width <= CANVAS.width && box.y + box.height <= CANVAS.height, {
    message: `must fit the ${CANVAS.width}×${CANVAS.height} canvas`,
  });

const SlotName = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,31}$/, 'a slot name is lower-case letters, digits and _');

const Slot = z.strictObject({
  label: z.string().min(1).max(40),
  assetTypes: z.array(z.enum(ASSET_TYPES)).min(1),
  entrance: z.enum(ENTRANCES),
  /** Where the slot sits on the canvas; the asset is scaled to fit inside, keeping its shape. */
  box: Box,
  /** How long an asset stays on screen; 0 keeps it until the next one. */
  showSeconds: z.number().min(0).max(3600),
});

export const OverlayManifestSchema = z
  .strictObject({ slots: z.record(SlotName, Slot) })
  .superRefine((manifest, ctx) => {
    const owner = new Map<string, string>();
    for (const [name, slot] of Object.entries(manifest.slots))
      for (const type of slot.assetTypes) {
        const other = owner.get(type);
        if (other)
          ctx.addIssue({
            code: 'custom',
            path: ['slots', name, 'assetTypes'],
            message: `${type} is already shown by slot ${other}; an asset type belongs to one slot`,
          });
        owner.set(type, name);
      }
  });

export type OverlayManifest = z.infer<typeof OverlayManifestSchema>;
export type OverlaySlot = OverlayManifest['slots'][string];

/** The issues of an invalid overlay manifest, each naming its field (`slots.emote.box.width: …`). */
export function overlayManifestProblems(value: unknown): string[] {
  const parsed = OverlayManifestSchema.safeParse(value);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => `${issue.path.join('.') || '(top level)'}: ${issue.message}`);
}
