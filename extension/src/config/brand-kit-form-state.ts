import type { BrandKit, BrandKitInput, BrandKitPatch } from '../../../client/index.js';

/** A kit's three colours, as `#rrggbb` text (what the hex fields hold, valid or not). */
export interface ColourValues {
  readonly primary: string;
  readonly secondary: string;
  readonly accent: string;
}

export type ColourName = keyof ColourValues;

/** The editor's values as its fields hold them: colours as hex text, lists as comma-separated text. */
export interface BrandKitForm {
  readonly name: string;
  readonly colors: ColourValues;
  readonly fonts: string;
  readonly tone: string;
  readonly styleWords: string;
  readonly logoDescription: string;
  readonly active: boolean;
}

/**
 * A new kit starts as the built-in default kit (the one jobs use until a kit is saved), so saving
 * it unchanged changes nothing a streamer would see.
 */
export const NEW_KIT_VALUES = {
  name: 'Streamer Studio',
  colors: { primary: '#9146ff', secondary: '#1f1f23', accent: '#ffb31a' },
  fonts: ['Inter'],
  tone: 'playful and upbeat',
  styleWords: ['bold outlines', 'flat colours', 'clean shapes'],
} as const;

/** The list a comma-separated field means: each entry trimmed, empty ones dropped. */
export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

const joinList = (list: readonly string[]) => list.join(', ');
const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((entry, i) => entry === b[i]);

/** Colours as the server stores them: trimmed and lower-case. */
function normalColours(colours: ColourValues): ColourValues {
  return {
    primary: colours.primary.trim().toLowerCase(),
    secondary: colours.secondary.trim().toLowerCase(),
    accent: colours.accent.trim().toLowerCase(),
  };
}

/** What a form is filled from: a saved kit, or the values a new one starts with. */
export interface KitValues {
  readonly name: string;
  readonly colors: ColourValues;
  readonly fonts: readonly string[];
  readonly tone: string;
  readonly styleWords: readonly string[];
  readonly logoDescription?: string;
  readonly active: boolean;
}

/** The form for a new kit; `active` says whether it should become the channel's default. */
export function newKitForm(active: boolean): BrandKitForm {
  return formFromKit({ ...NEW_KIT_VALUES, active });
}

/** The form showing a saved kit's values. */
export function formFromKit(kit: KitValues): BrandKitForm {
  return {
    name: kit.name,
    colors: { ...kit.colors },
    fonts: joinList(kit.fonts),
    tone: kit.tone,
    styleWords: joinList(kit.styleWords),
    logoDescription: kit.logoDescription ?? '',
    active: kit.active,
  };
}

/** What to send to create a kit from the form (an empty logo description is left out). */
export function inputFromForm(form: BrandKitForm): BrandKitInput {
  const logoDescription = form.logoDescription.trim();
  return {
    name: form.name.trim(),
    colors: normalColours(form.colors),
    fonts: splitList(form.fonts),
    tone: form.tone.trim(),
    styleWords: splitList(form.styleWords),
    ...(logoDescription ? { logoDescription } : {}),
    active: form.active,
  };
}

/**
 * Only what the form changed on `kit`. The colours go as a set (the API replaces all three
 * together); a cleared logo description is sent as `''`, which prompts treat as none.
 */
export function patchFromForm(kit: BrandKit, form: BrandKitForm): BrandKitPatch {
  const next = inputFromForm(form);
  const colours = next.colors;
  const patch: BrandKitPatch = {};
  if (next.name !== kit.name) patch.name = next.name;
  if (
    colours.primary !== kit.colors.primary ||
    colours.secondary !== kit.colors.secondary ||
    colours.accent !== kit.colors.accent
  )
    patch.colors = colours;
  if (!sameList(next.fonts ?? [], kit.fonts)) patch.fonts = next.fonts;
  if (next.tone !== kit.tone) patch.tone = next.tone;
  if (!sameList(next.styleWords ?? [], kit.styleWords)) patch.styleWords = next.styleWords;
  if ((next.logoDescription ?? '') !== (kit.logoDescription ?? ''))
    patch.logoDescription = next.logoDescription ?? '';
  if (next.active !== kit.active) patch.active = next.active;
  return patch;
}
