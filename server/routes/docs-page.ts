type Json = Record<string, unknown>;

const html = (text: unknown) =>
  String(text ?? '').replace(
    /[<>&"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!,
  );

function schemaName(schema: Json | undefined): string {
  if (!schema) return '';
  const ref = schema.$ref as string | undefined;
  if (ref) return ref.split('/').pop()!;
  if (schema.type === 'array') return `${schemaName(schema.items as Json)}[]`;
  if (schema.enum) return (schema.enum as unknown[]).map((v) => JSON.stringify(v)).join(' | ');
  return String(schema.type ?? 'object');
}

function operation(method: string, path: string, op: Json): string {
  const params = ((op.parameters as Json[] | undefined) ?? [])
    .map(
      (p) =>
        `<li><code>${html(p.name)}</code> <i>${html(p.in)}</i> ${html(schemaName(p.schema as Json))}${p.required ? ' (required)' : ''}</li>`,
    )
    .join('');
  const body = op.requestBody as Json | undefined;
  const bodyTypes = body ? Object.entries(body.content as Record<string, Json>) : [];
  const responses = Object.entries((op.responses as Record<string, Json>) ?? {})
    .map(([status, r]) => `<li><b>${html(status)}</b> ${html(r.description)}</li>`)
    .join('');
  return `<section>
  <h3><span class="m ${method}">${method.toUpperCase()}</span> <code>${html(path)}</code></h3>
  <p>${html(op.summary)}${op.description ? `<br><small>${html(op.description)}</small>` : ''}</p>
  ${params ? `<h4>Parameters</h4><ul>${params}</ul>` : ''}
  ${bodyTypes.length ? `<h4>Body</h4><ul>${bodyTypes.map(([type, c]) => `<li>${html(type)}: ${html(schemaName(c.schema as Json))}</li>`).join('')}</ul>` : ''}
  <h4>Responses</h4><ul>${responses}</ul>
</section>`;
}

/** A readable, self-contained API reference rendered from the OpenAPI document (no remote scripts). */
export function renderDocsPage(document: Json): string {
  const info = document.info as Json;
  const paths = Object.entries((document.paths as Record<string, Record<string, Json>>) ?? {});
  const schemas = Object.entries(((document.components as Json)?.schemas as Record<string, Json>) ?? {});
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${html(info.title)} API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1f1f23}
section{border-top:1px solid #ddd;padding:.5rem 0}h3{margin:.5rem 0}code{font-size:.95em}
.m{display:inline-block;min-width:4.5em;text-align:center;border-radius:4px;color:#fff;font-size:.8em;padding:2px 6px}
.get{background:#2a7ae2}.post{background:#2e9d4e}.put{background:#c77c02}.delete{background:#c0392b}
pre{background:#f5f5f7;padding:.75rem;overflow:auto;font-size:.85em}
</style></head><body>
<h1>${html(info.title)} <small>${html(info.version)}</small></h1>
<p>${html(info.description)}</p>
<p>Machine-readable: <a href="/openapi.json">/openapi.json</a>. Errors are always
<code>{"error":{"code","message","details"?}}</code>. Authenticated routes take
<code>Authorization: Bearer &lt;Twitch extension JWT or API token&gt;</code>.</p>
${paths.flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => operation(method, path, op))).join('\n')}
<h2>Schemas</h2>
${schemas.map(([name, schema]) => `<h3 id="${html(name)}">${html(name)}</h3><pre>${html(JSON.stringify(schema, null, 2))}</pre>`).join('\n')}
</body></html>`;
}
