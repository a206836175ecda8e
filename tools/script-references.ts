import { parseAst } from 'vite';

/** What a built ES module loads, and the code in it Twitch refuses. */
export interface ScriptReferences {
  /** Specifiers as written: static and dynamic imports, re-exports, `new URL(x, import.meta.url)`, preload lists. */
  readonly specifiers: readonly string[];
  /** Each use of `eval`, `Function` or a computed `import()`, with where it is (`eval( at 1234`). */
  readonly forbidden: readonly string[];
}

interface Node {
  readonly type: string;
  readonly start: number;
  readonly [key: string]: unknown;
}

const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && typeof (value as Node).type === 'string';

/** A string the code spells out in full: a literal, or a template with nothing interpolated. */
function constantString(node: unknown): string | undefined {
  if (!isNode(node)) return undefined;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && (node.expressions as unknown[]).length === 0)
    return ((node.quasis as { value: { cooked: string } }[])[0]?.value.cooked ?? '') as string;
  return undefined;
}

const isIdentifier = (node: unknown, name: string) =>
  isNode(node) && node.type === 'Identifier' && node.name === name;

const isImportMetaUrl = (node: unknown) =>
  isNode(node) &&
  node.type === 'MemberExpression' &&
  isNode(node.object) &&
  node.object.type === 'MetaProperty' &&
  isIdentifier(node.property, 'url');

// Vite's list of what a dynamic import preloads holds `./name-hash.js` strings; nothing else in
// built code is a relative path with a file extension.
const RELATIVE_FILE = /^\.\.?\/[^\s?#]+\.[a-z0-9]+(?:[?#].*)?$/i;

/** What a built module loads and what in it Twitch refuses, read with Rolldown's parser (not fooled by strings). */
export function scriptReferences(code: string): ScriptReferences {
  const specifiers = new Set<string>();
  const forbidden: string[] = [];
  const visit = (node: Node) => {
    switch (node.type) {
      case 'ImportDeclaration':
      case 'ExportAllDeclaration':
      case 'ExportNamedDeclaration': {
        const source = constantString(node.source);
        if (source !== undefined) specifiers.add(source);
        break;
      }
      case 'ImportExpression': {
        const source = constantString(node.source);
        if (source === undefined) forbidden.push(`import() of a computed URL at ${node.start}`);
        else specifiers.add(source);
        break;
      }
      case 'NewExpression':
      case 'CallExpression': {
        const [first, second] = node.arguments as unknown[];
        if (isIdentifier(node.callee, 'eval')) forbidden.push(`eval( at ${node.start}`);
        if (isIdentifier(node.callee, 'Function')) forbidden.push(`Function( at ${node.start}`);
        const url = constantString(first);
        // Vite writes an asset's URL as `new URL('name-hash.png', import.meta.url)`: relative to the module.
        if (
          node.type === 'NewExpression' &&
          isIdentifier(node.callee, 'URL') &&
          url &&
          isImportMetaUrl(second)
        )
          specifiers.add(/^(?:[a-z][a-z0-9+.-]*:|\/|\.)/i.test(url) ? url : `./${url}`);
        break;
      }
      case 'Literal':
      case 'TemplateLiteral': {
        const text = constantString(node);
        if (text && RELATIVE_FILE.test(text)) specifiers.add(text);
        break;
      }
    }
    for (const value of Object.values(node))
      if (Array.isArray(value)) value.filter(isNode).forEach(visit);
      else if (isNode(value)) visit(value);
  };
  visit(parseAst(code) as unknown as Node);
  return { specifiers: [...specifiers], forbidden };
}
