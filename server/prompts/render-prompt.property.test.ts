import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { type BrandKit, BrandKitSchema } from '../brand/index.js';
import { ASSET_TYPES, assetSpec } from '../catalogue/index.js';
import { InvalidInputError } from '../errors/index.js';
import type { ReferenceImage } from '../providers/image-provider.js';
import { hostileText } from './hostile-text.test-helpers.js';
import { loadPromptTemplates } from './load-prompt-templates.js';
import { SUBJECT_CLOSE, SUBJECT_HEADING, SUBJECT_OPEN } from './prompt-layout.js';
import type { PromptTemplates } from './prompt-template.js';
import { type RenderedPrompt, renderPrompt } from './render-prompt.js';
import { sanitizeBrandText, sanitizeUserText } from './sanitize-user-text.js';

let templates: PromptTemplates;
beforeAll(async () => {
  templates = await loadPromptTemplates();
});

const hexColor = fc
  .tuple(fc.integer({ min: 0, max: 0xffffff }), fc.boolean())
  .map(([n, upper]) => `#${n.toString(16).padStart(6, '0')}`[upper ? 'toUpperCase' : 'toLowerCase']());

/** Schema-sized text, hostile or not; what the schema refuses is filtered out below. */
const field = (max: number) =>
  fc.oneof(
    fc.string({ minLength: 1, maxLength: max }),
    hostileText(4).map((text) => text.slice(0, max)),
  );

const brandKit: fc.Arbitrary<BrandKit> = fc
  .record({
    name: field(60),
    colors: fc.record({ primary: hexColor, secondary: hexColor, accent: hexColor }),
    fonts: fc.array(field(60), { maxLength: 4 }),
    tone: field(120),
    styleWords: fc.array(field(40), { maxLength: 12 }),
    logoDescription: fc.option(field(300), { nil: undefined }),
  })
  .map((input) => BrandKitSchema.safeParse(input))
  .filter((result) => result.success)
  .map((result) => result.data as BrandKit);

const userText = fc.oneof(
  hostileText(),
  fc
    .tuple(hostileText(3), fc.constantFrom('a cat in sunglasses', 'a dragon', 'GG'), hostileText(3))
    .map((p) => p.join(' ')),
);

const logo = fc.option(fc.constant<ReferenceImage>({ mimeType: 'image/png', data: new Uint8Array([1]) }), {
  nil: undefined,
});

/** A template line's literal text, split around its placeholders: what must appear verbatim, in order. */
const literals = (line: string) => line.split(/\{\{[^{}]*\}\}/).filter(Boolean);

function containsInOrder(haystack: string, parts: readonly string[]): boolean {
  let from = 0;
  for (const part of parts) {
    const at = haystack.indexOf(part, from);
    if (at < 0) return false;
    from = at + part.length;
  }
  return true;
}

function split(rendered: RenderedPrompt) {
  const open = rendered.text.indexOf(SUBJECT_OPEN);
  const close = rendered.text.indexOf(SUBJECT_CLOSE);
  return {
    before: rendered.text.slice(0, open),
    quoted: rendered.text.slice(open + 1, close),
    after: rendered.text.slice(close + 1),
  };
}

function brandStrings(kit: BrandKit): string[] {
  const all = [
    kit.name,
    kit.colors.primary,
    kit.colors.secondary,
    kit.colors.accent,
    kit.tone,
    ...kit.fonts,
    ...kit.styleWords,
  ];
  if (kit.logoDescription !== undefined) all.push(kit.logoDescription);
  return all.map(sanitizeBrandText).filter(Boolean);
}

describe('Property 8: a rendered prompt keeps the brief, the brand and the subject apart', () => {
  it('holds for random brand kits, hostile descriptions and every asset type', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ASSET_TYPES),
        brandKit,
        userText,
        userText,
        logo,
        (assetType, kit, text, otherText, logoImage) => {
          const input = { assetType, brandKit: kit, ...(logoImage ? { logo: logoImage } : {}) };
          let subject: string;
          try {
            subject = sanitizeUserText(text);
          } catch (error) {
            expect(error).toBeInstanceOf(InvalidInputError);
            expect(() => renderPrompt(templates, { ...input, userText: text })).toThrow(InvalidInputError);
            return;
          }
          const rendered = renderPrompt(templates, { ...input, userText: text });
          const template = templates[assetType];
          const { before, quoted, after } = split(rendered);

          // One subject section, holding exactly the sanitized description.
          expect(rendered.text.split(SUBJECT_OPEN)).toHaveLength(2);
          expect(rendered.text.split(SUBJECT_CLOSE)).toHaveLength(2);
          expect(rendered.subject).toBe(subject);
          expect(quoted).toBe(subject);
          expect(before.endsWith(`\n\n${SUBJECT_HEADING}\n`)).toBe(true);
          expect(rendered.text).not.toMatch(/\{\{|\}\}/);

          // The fixed brief: every instruction complete, one per line, in the template's order.
          const briefLines = before.slice(0, -`\n\n${SUBJECT_HEADING}\n`.length).split('\n');
          expect(briefLines).toHaveLength(template.instructions.length + (logoImage ? 1 : 0));
          template.instructions.forEach((instruction, index) => {
            const parts = literals(instruction);
            const line = briefLines[index]!;
            expect(containsInOrder(line, parts), instruction).toBe(true);
            if (!instruction.startsWith('{{')) expect(line.startsWith(parts[0]!)).toBe(true);
            if (!instruction.endsWith('}}')) expect(line.endsWith(parts.at(-1)!)).toBe(true);
          });

          // Every brand value, sanitized, is in the brief.
          for (const value of brandStrings(kit)) expect(before).toContain(value);

          // Quality modifiers, background and avoid list come after the subject, in order.
          expect(after.startsWith('\n\nQuality: ')).toBe(true);
          expect(containsInOrder(after, template.quality.flatMap(literals))).toBe(true);
          expect(containsInOrder(after, template.avoid.flatMap(literals))).toBe(true);
          expect(after.includes('\nBackground: isolated on a solid flat #')).toBe(
            assetSpec(assetType).transparent,
          );

          // The description reaches nothing outside its quotes: another description leaves the rest identical.
          let other: RenderedPrompt;
          try {
            other = renderPrompt(templates, { ...input, userText: otherText });
          } catch {
            return;
          }
          expect(split(other).before).toBe(before);
          expect(split(other).after).toBe(after);
        },
      ),
      { numRuns: 300 },
    );
  });
});
