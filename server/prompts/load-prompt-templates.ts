import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { ASSET_TYPES, type AssetType } from '../catalogue/index.js';
import { TemplateError } from '../errors/index.js';
import { type PromptTemplate, PromptTemplateSchema, type PromptTemplates } from './prompt-template.js';

/** `<repo>/prompts`, found from this file rather than the working directory, so any launch path works. */
export const DEFAULT_PROMPTS_DIR = fileURLToPath(new URL('../../prompts/', import.meta.url));

function issuePath(issue: z.core.$ZodIssue): string {
  return issue.path.map(String).join('.') || '(top level)';
}

/** One line per problem, each led by the field path: `instructions.2: unknown placeholder {{brand.colour}}`. */
function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .flatMap((issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => `${[...issue.path.map(String), key].join('.')}: unknown field`)
        : [`${issuePath(issue)}: ${issue.message}`],
    )
    .join('; ');
}

/** Parses and validates one template's YAML source; `file` names it in errors, and fixes which type it must be. */
export function parsePromptTemplate(file: string, source: string, type: AssetType): PromptTemplate {
  const document = parseDocument(source, { prettyErrors: true });
  const syntaxError = document.errors[0];
  if (syntaxError) {
    const at = syntaxError.linePos?.[0];
    const where = at ? ` at line ${at.line}, column ${at.col}` : '';
    throw new TemplateError(
      file,
      `YAML syntax error${where}: ${syntaxError.message.split('\n')[0]}`,
      syntaxError,
    );
  }
  const result = PromptTemplateSchema.safeParse(document.toJS());
  if (!result.success) throw new TemplateError(file, describeIssues(result.error.issues), result.error);
  if (result.data.type !== type) {
    throw new TemplateError(file, `type: is "${result.data.type}" but the file name says "${type}"`);
  }
  return result.data;
}

// Templates are shared by every render; freezing them keeps one render from changing the next.
function freeze(template: PromptTemplate): PromptTemplate {
  Object.freeze(template.instructions);
  Object.freeze(template.quality);
  Object.freeze(template.avoid);
  return Object.freeze(template);
}

async function loadOne(dir: string, type: AssetType): Promise<PromptTemplate> {
  const file = `${type}.yaml`;
  let source: string;
  try {
    source = await readFile(join(dir, file), 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new TemplateError(file, missing ? `missing file (looked in ${dir})` : 'cannot be read', error);
  }
  return parsePromptTemplate(file, source, type);
}

/**
 * Reads and validates the template of every asset type, once, at start. Throws `TemplateError`
 * naming the file and the field for the first broken one, in catalogue order.
 */
export async function loadPromptTemplates(dir: string = DEFAULT_PROMPTS_DIR): Promise<PromptTemplates> {
  // All files are read before any error is thrown, so the error is always the first broken type, not the slowest read.
  const settled = await Promise.allSettled(ASSET_TYPES.map((type) => loadOne(dir, type)));
  const templates: Partial<Record<AssetType, PromptTemplate>> = {};
  for (const [index, outcome] of settled.entries()) {
    if (outcome.status === 'rejected') throw outcome.reason;
    templates[ASSET_TYPES[index]!] = freeze(outcome.value);
  }
  return Object.freeze(templates as Record<AssetType, PromptTemplate>);
}
