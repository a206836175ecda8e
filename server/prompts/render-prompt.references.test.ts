import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_BRAND_KIT } from '../brand/index.js';
import type { ReferenceImage } from '../providers/image-provider.js';
import { loadPromptTemplates } from './load-prompt-templates.js';
import { likenessInstruction, SUBJECT_HEADING, styleInstruction } from './prompt-layout.js';
import type { PromptTemplates } from './prompt-template.js';
import { type RenderPromptInput, renderPrompt } from './render-prompt.js';

let templates: PromptTemplates;
beforeAll(async () => {
  templates = await loadPromptTemplates();
});

/** A distinct picture per name, so an array of them shows which went where. */
const picture = (name: string): ReferenceImage => ({
  mimeType: 'image/png',
  data: new TextEncoder().encode(name),
});
const logo = picture('logo');
const source = picture('source');
const style = picture('style');
const cats = [picture('cat 1'), picture('cat 2'), picture('cat 3')];

const render = (extra: Partial<RenderPromptInput>) =>
  renderPrompt(templates, {
    assetType: 'emote',
    userText: 'my cat as a wizard',
    brandKit: DEFAULT_BRAND_KIT,
    ...extra,
  });

/** The 1-based positions the brief names: `[from, to]` of the likeness line, and the style line's. */
const named = (text: string) => ({
  likeness: /Likeness reference: the attached images? (\d+)(?:–(\d+))? /
    .exec(text)
    ?.slice(1, 3)
    .filter((group) => group !== undefined)
    .map(Number),
  style: /Style reference: the attached image (\d+) /.exec(text)?.[1],
});

describe('renderPrompt: likeness and style references by position', () => {
  it('without a logo: the likeness pictures are images 1–2', () => {
    const rendered = render({ likeness: cats.slice(0, 2) });
    expect(rendered.referenceImages).toEqual(cats.slice(0, 2));
    expect(rendered.text).toContain(likenessInstruction(1, 2));
    expect(rendered.text).toContain('attached images 1–2 show the real subject');
    expect(rendered.text).not.toContain('Reference image: the attached image is the logo');
  });

  it('with a logo: the logo is image 1, one likeness picture is image 2', () => {
    const rendered = render({ logo, likeness: cats.slice(0, 1) });
    expect(rendered.referenceImages).toEqual([logo, cats[0]]);
    expect(rendered.text).toContain('attached image 2 shows the real subject');
    expect(rendered.text).toContain('Reference image: the attached image is the logo');
  });

  it('with a logo, likeness and a style reference: logo 1, likeness 2–4, style 5', () => {
    const rendered = render({ logo, likeness: cats, style });
    expect(rendered.referenceImages).toEqual([logo, ...cats, style]);
    expect(rendered.text).toContain(likenessInstruction(2, 4));
    expect(rendered.text).toContain(styleInstruction(5));
  });

  it('a style reference alone, without a logo, is image 1', () => {
    const rendered = render({ style });
    expect(rendered.referenceImages).toEqual([style]);
    expect(rendered.text).toContain(styleInstruction(1));
    expect(rendered.text).not.toContain('Likeness reference');
  });

  it('an edit sends its source first, leaves the logo out, and puts likeness after the source', () => {
    const rendered = render({ source, logo, likeness: cats.slice(0, 2), userText: 'add a tiny crown' });
    expect(rendered.edit).toBe(true);
    expect(rendered.referenceImages).toEqual([source, ...cats.slice(0, 2)]);
    expect(rendered.text).toMatch(/^Edit the attached image/);
    expect(rendered.text).toContain(likenessInstruction(2, 3));
    expect(rendered.text).not.toContain('Reference image: the attached image is the logo');
  });

  it('says nothing about likeness when there is none', () => {
    expect(render({ logo }).text).not.toContain('Likeness reference');
    expect(render({ logo, likeness: [] }).referenceImages).toEqual([logo]);
  });

  it('puts the reference lines in the brief, before the quoted subject', () => {
    const { text } = render({ logo, likeness: cats, style });
    const subject = text.indexOf(SUBJECT_HEADING);
    expect(text.indexOf('Likeness reference')).toBeGreaterThan(-1);
    expect(text.indexOf('Likeness reference')).toBeLessThan(subject);
    expect(text.indexOf('Style reference')).toBeLessThan(subject);
  });

  it('names exactly the positions where each kind of picture was attached, whatever is present', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 0, max: 10 }),
        fc.boolean(),
        (withLogo, asEdit, likenessCount, withStyle) => {
          const likeness = Array.from({ length: likenessCount }, (_, i) => picture(`likeness ${i}`));
          const rendered = render({
            ...(withLogo ? { logo } : {}),
            ...(asEdit ? { source } : {}),
            likeness,
            ...(withStyle ? { style } : {}),
          });
          const images = rendered.referenceImages;
          const at = (image: ReferenceImage) => images.indexOf(image) + 1;
          // Every picture given is attached once, the edit's source or else the logo first.
          const first = asEdit ? source : withLogo ? logo : undefined;
          expect(images).toEqual([...(first ? [first] : []), ...likeness, ...(withStyle ? [style] : [])]);
          const brief = named(rendered.text);
          if (likenessCount === 0) expect(brief.likeness).toBeUndefined();
          else {
            const [from, to = from] = brief.likeness!;
            expect([from, to]).toEqual([at(likeness[0]!), at(likeness[likenessCount - 1]!)]);
          }
          expect(brief.style).toBe(withStyle ? String(at(style)) : undefined);
        },
      ),
      { numRuns: 200 },
    );
  });
});
