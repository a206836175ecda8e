import { type BrandKit, palette as brandPalette } from '../brand/index.js';
import { type AspectRatio, type AssetType, assetSpec, type Size } from '../catalogue/index.js';
import type { ReferenceImage } from '../providers/image-provider.js';
import { brandValues } from './brand-values.js';
import { chooseKeyColor } from './key-color.js';
import { fillPlaceholders } from './placeholders.js';
import {
  avoidSection,
  changeSection,
  KEY_COLOR_INSTRUCTION,
  LOGO_INSTRUCTION,
  likenessInstruction,
  qualitySection,
  REFINE_INSTRUCTION,
  styleInstruction,
  subjectSection,
} from './prompt-layout.js';
import type { PromptTemplates } from './prompt-template.js';
import { sanitizeUserText } from './sanitize-user-text.js';

export interface RenderPromptInput {
  readonly assetType: AssetType;
  /** The streamer's description, raw; it is sanitized here (sanitizing twice changes nothing). */
  readonly userText: string;
  readonly brandKit: BrandKit;
  /** The brand logo, sent to the model as a reference image. */
  readonly logo?: ReferenceImage;
  /**
   * Set for a refinement: the parent's kept source image, sent as the one reference image; the
   * user text is then the change to make, and the brief says to edit the picture and keep the rest.
   */
  readonly source?: ReferenceImage;
  /**
   * Photos or drawings of the subject (the streamer's cat, their mascot): the model keeps its
   * likeness and draws it in this asset's style, never copying the photo's composition.
   */
  readonly likeness?: readonly ReferenceImage[];
  /** Another piece of the same brand pack (its lead): the model matches its style, not its subject. */
  readonly style?: ReferenceImage;
}

/** A finished prompt and the facts it was built from: everything an `ImageRequest` needs. */
export interface RenderedPrompt {
  readonly text: string;
  readonly assetType: AssetType;
  /** The catalogue label, e.g. "Emote". */
  readonly label: string;
  readonly aspectRatio: AspectRatio;
  /** The exact files the pipeline cuts from the image, largest first (from the catalogue). */
  readonly sizes: readonly Size[];
  /** Set for transparent types only: the flat colour the background is asked for in. */
  readonly keyColor?: string;
  readonly referenceImages: readonly ReferenceImage[];
  /** The sanitized description, exactly as quoted in the prompt. */
  readonly subject: string;
  /** The brand colours, primary first. */
  readonly palette: readonly string[];
  /** True for a refinement: the first reference image is the picture to edit, `subject` the change. */
  readonly edit: boolean;
}

/**
 * Builds the prompt in a fixed order: the template's brief (and the logo note), then the quoted
 * subject, then quality modifiers, the key-colour background (transparent types) and the avoid
 * list. Everything after the subject comes from us, so the last word is never the streamer's.
 * Throws `INVALID_INPUT` when the description is empty or too long after cleaning.
 */
export function renderPrompt(templates: PromptTemplates, input: RenderPromptInput): RenderedPrompt {
  const spec = assetSpec(input.assetType);
  const template = templates[input.assetType];
  const subject = sanitizeUserText(input.userText);
  const colors = brandPalette(input.brandKit);
  const keyColor = spec.transparent ? chooseKeyColor(colors) : undefined;
  const values: Record<string, string> = { ...brandValues(input.brandKit) };
  if (keyColor) values.keyColor = keyColor;
  const fill = (text: string) => fillPlaceholders(text, values);

  const edit = input.source !== undefined;
  // A refinement's brief is the edit itself: the type's brief would ask for a new design.
  const brief = edit
    ? [fillPlaceholders(REFINE_INSTRUCTION, { ...values, label: spec.label.toLowerCase() })]
    : template.instructions.map(fill);
  // Attached in this order, and named by position in the brief: the picture to edit or the logo,
  // then the likeness references, then the style reference.
  const first = edit ? input.source : input.logo;
  const likeness = input.likeness ?? [];
  const referenceImages = [...(first ? [first] : []), ...likeness, ...(input.style ? [input.style] : [])];
  if (input.logo && !edit) brief.push(fill(LOGO_INSTRUCTION));
  if (likeness.length > 0) {
    const from = first ? 2 : 1;
    brief.push(likenessInstruction(from, from + likeness.length - 1));
  }
  if (input.style) brief.push(styleInstruction(referenceImages.length));
  const after = [qualitySection(template.quality.map(fill))];
  if (keyColor) after.push(fill(KEY_COLOR_INSTRUCTION));
  if (template.avoid.length > 0) after.push(avoidSection(template.avoid.map(fill)));

  const quoted = edit ? changeSection(subject) : subjectSection(subject);
  const text = [brief.join('\n'), quoted, after.join('\n')].join('\n\n');
  return {
    text,
    assetType: spec.type,
    label: spec.label,
    aspectRatio: spec.aspectRatio,
    sizes: spec.sizes,
    ...(keyColor ? { keyColor } : {}),
    referenceImages,
    subject,
    palette: colors,
    edit,
  };
}
