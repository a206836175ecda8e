import { z } from 'zod';
import { ASSET_TYPES, type AssetType } from '../catalogue/index.js';
import { BRAND_PLACEHOLDERS, hasStrayBraces, placeholdersIn } from './placeholders.js';
import { SUBJECT_CLOSE, SUBJECT_OPEN } from './prompt-layout.js';

// YAML folded and block scalars keep line breaks; the prompt wants one clean line per item.
const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();
const bounded = z.string().min(1, 'must not be empty').max(800, 'must be at most 800 characters');
const line = z.string().transform(collapse).pipe(bounded);
// Quality and avoid items are phrases joined into one list, so a final stop would split the sentence.
const phrase = z
  .string()
  .transform((text) => collapse(text).replace(/\s*[.;,]+$/, ''))
  .pipe(bounded);

const list = (item: typeof line, min: number) =>
  z.array(item).min(min, `needs at least ${min} item${min === 1 ? '' : 's'}`);

const known: ReadonlySet<string> = new Set(BRAND_PLACEHOLDERS);

/** One `prompts/<type>.yaml`: the fixed art-direction brief for an asset type. */
export const PromptTemplateSchema = z
  .object({
    version: z.literal(1),
    type: z.enum(ASSET_TYPES),
    /** For people reading the file or a UI; never sent to the model. */
    description: line,
    /** The brief, one sentence or short paragraph each, in the order the model reads them. */
    instructions: list(line, 1),
    /** Quality modifiers, appended after the subject. */
    quality: list(phrase, 1),
    /** Things to keep out of the image, appended last. */
    avoid: list(phrase, 0).default([]),
  })
  .strict()
  .superRefine((template, ctx) => {
    const fields = { instructions: template.instructions, quality: template.quality, avoid: template.avoid };
    for (const [field, items] of Object.entries(fields)) {
      items.forEach((text, index) => {
        const problem = (message: string) => ctx.addIssue({ code: 'custom', path: [field, index], message });
        for (const name of placeholdersIn(text)) {
          if (!known.has(name)) problem(`unknown placeholder {{${name}}}`);
        }
        if (hasStrayBraces(text)) problem('has {{ or }} outside a placeholder');
        // The subject section must be the only place these appear, or a reader could not tell where it ends.
        if (text.includes(SUBJECT_OPEN) || text.includes(SUBJECT_CLOSE)) {
          problem(`must not contain ${SUBJECT_OPEN} or ${SUBJECT_CLOSE}`);
        }
      });
    }
    // Every brand value reaches every prompt: a template that forgets the palette is a bug.
    const used = new Set(template.instructions.flatMap(placeholdersIn));
    for (const name of BRAND_PLACEHOLDERS) {
      if (!used.has(name)) {
        ctx.addIssue({ code: 'custom', path: ['instructions'], message: `never uses {{${name}}}` });
      }
    }
  });

export type PromptTemplate = z.output<typeof PromptTemplateSchema>;

/** Every asset type's template, validated: what `renderPrompt` reads. */
export type PromptTemplates = Readonly<Record<AssetType, PromptTemplate>>;
