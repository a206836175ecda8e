import { cp, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ASSET_TYPES } from '../catalogue/index.js';
import { TemplateError } from '../errors/index.js';
import { DEFAULT_PROMPTS_DIR, loadPromptTemplates } from './load-prompt-templates.js';
import { BRAND_PLACEHOLDERS } from './placeholders.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'prompts-'));
  await cp(DEFAULT_PROMPTS_DIR, dir, { recursive: true });
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function edit(file: string, change: (source: string) => string): Promise<void> {
  const path = join(dir, file);
  await writeFile(path, change(await readFile(path, 'utf8')));
}

async function loadError(): Promise<TemplateError> {
  const error = await loadPromptTemplates(dir).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof TemplateError)) throw new Error(`expected a TemplateError, got ${String(error)}`);
  expect(error.code).toBe('TEMPLATE_INVALID');
  return error;
}

describe('loadPromptTemplates', () => {
  it('loads a valid template for every asset type from the repository', async () => {
    const templates = await loadPromptTemplates();
    expect(Object.keys(templates)).toEqual([...ASSET_TYPES]);
    for (const type of ASSET_TYPES) {
      expect(templates[type].type).toBe(type);
      expect(templates[type].instructions.join(' ')).not.toMatch(/\s{2}/);
      for (const name of BRAND_PLACEHOLDERS)
        expect(templates[type].instructions.join(' ')).toContain(`{{${name}}}`);
    }
    expect(Object.isFrozen(templates.emote.instructions)).toBe(true);
  });

  it('finds the repository templates from any working directory', async () => {
    const before = process.cwd();
    process.chdir(tmpdir());
    try {
      await expect(loadPromptTemplates()).resolves.toHaveProperty('alert');
    } finally {
      process.chdir(before);
    }
  });

  it('names a missing file', async () => {
    await unlink(join(dir, 'thumbnail.yaml'));
    expect((await loadError()).message).toMatch(/^prompt template thumbnail\.yaml: missing file/);
  });

  it('names the file and line of a YAML syntax error', async () => {
    await edit('panel.yaml', (source) => source.replace('quality:\n', 'quality: [unclosed\n'));
    expect((await loadError()).message).toMatch(
      /^prompt template panel\.yaml: YAML syntax error at line \d+, column \d+/,
    );
  });

  it('names an unknown field', async () => {
    await edit('emote.yaml', (source) => `${source}colour: red\n`);
    expect((await loadError()).message).toBe('prompt template emote.yaml: colour: unknown field');
  });

  it('names the file and field path of an unknown placeholder', async () => {
    await edit('emote.yaml', (source) =>
      source.replace('{{brand.secondary}} (secondary)', '{{brand.colour}}'),
    );
    const message = (await loadError()).message;
    expect(message).toContain(
      'prompt template emote.yaml: instructions.5: unknown placeholder {{brand.colour}}',
    );
  });

  it('refuses a template whose type is not its file name', async () => {
    await edit('sub_badge.yaml', (source) => source.replace('type: sub_badge', 'type: emote'));
    expect((await loadError()).message).toBe(
      'prompt template sub_badge.yaml: type: is "emote" but the file name says "sub_badge"',
    );
  });

  it('refuses an asset type that does not exist', async () => {
    await edit('alert.yaml', (source) => source.replace('type: alert', 'type: alarm'));
    expect((await loadError()).message).toMatch(/^prompt template alert\.yaml: type: /);
  });

  it('names fields of the wrong shape', async () => {
    await edit('overlay.yaml', (source) =>
      source.replace('version: 1', 'version: 2').replace('avoid:\n', 'avoid: 3\n'),
    );
    const message = (await loadError()).message;
    expect(message).toMatch(/^prompt template overlay\.yaml: version: .*; avoid: /);
  });

  it('refuses an empty file', async () => {
    await writeFile(join(dir, 'emote.yaml'), '');
    expect((await loadError()).message).toMatch(/^prompt template emote\.yaml: \(top level\): /);
  });

  it('refuses a template that leaves out a brand value', async () => {
    await edit('alert.yaml', (source) => source.replace('set in {{brand.fonts}}', 'set in the brand fonts'));
    expect((await loadError()).message).toBe(
      'prompt template alert.yaml: instructions: never uses {{brand.fonts}}',
    );
  });

  it('refuses stray braces and the subject delimiters in template text', async () => {
    await edit('thumbnail.yaml', (source) =>
      source
        .replace('  - high contrast\n', '  - high {{ contrast\n')
        .replace('  - watermarks\n', '  - «watermarks»\n'),
    );
    const message = (await loadError()).message;
    expect(message).toContain('quality.0: has {{ or }} outside a placeholder');
    expect(message).toContain('avoid.4: must not contain « or »');
  });

  it('reports the first broken type in catalogue order', async () => {
    await unlink(join(dir, 'alert.yaml'));
    await unlink(join(dir, 'emote.yaml'));
    expect((await loadError()).message).toMatch(/^prompt template emote\.yaml/);
  });
});
