import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const here = import.meta.dirname;
const sources = readdirSync(here).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'));

/** What a browser bundle of `file` would load at run time: every import not erased as type-only. */
function runtimeImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(join(here, file), 'utf8'), ts.ScriptTarget.Latest);
  const found: string[] = [];
  for (const statement of source.statements) {
    // Under verbatimModuleSyntax `import { type X } from 'm'` still loads 'm'; only `import type` does not.
    if (ts.isImportDeclaration(statement) && !statement.importClause?.isTypeOnly)
      found.push((statement.moduleSpecifier as ts.StringLiteral).text);
    if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && !statement.isTypeOnly)
      found.push((statement.moduleSpecifier as ts.StringLiteral).text);
  }
  return found;
}

/** Node-only globals a browser does not have. */
function nodeGlobals(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(join(here, file), 'utf8'), ts.ScriptTarget.Latest);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isIdentifier(node) && ['process', 'Buffer', 'require', '__dirname', 'global'].includes(node.text))
      found.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('the client’s browser bundle', () => {
  it('has sources to check', () => {
    expect(sources).toContain('index.ts');
  });

  it.each(sources)('%s loads only hono/client and the client’s own files at run time', (file) => {
    const outside = runtimeImports(file).filter((from) => from !== 'hono/client' && !from.startsWith('./'));
    expect(outside).toEqual([]);
  });

  it.each(sources)('%s uses no Node-only global', (file) => {
    expect(nodeGlobals(file)).toEqual([]);
  });
});
