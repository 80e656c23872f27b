/**
 * The API reference as one HTML page, rendered from the OpenAPI document alone: no script, no
 * stylesheet or font from anywhere else, so it works offline and under a `default-src 'none'` policy.
 * Every problem code has an anchor (`#problem-org-not-found`) that problem+json `type`s point to.
 */
import { problemAnchor } from './problems.ts';

type Json = Record<string, unknown>;
interface Schema extends Json {
  type?: string | string[];
  $ref?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  description?: string;
  additionalProperties?: Schema | boolean;
}
interface Operation {
  operationId: string;
  summary?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema: Schema }[];
  requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> };
  responses: Record<string, { description?: string; content?: Record<string, { schema: Schema }> }>;
}
interface Document {
  info: { title: string; version: string; summary?: string; description?: string };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema>; 'x-problem-codes': Record<string, { status: number; title: string; advice: string }> };
}

const esc = (s: unknown) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** `code` spans and links from the document's Markdown-ish text, escaped first. */
const inline = (s: string) => esc(s).replace(/`([^`]+)`/g, '<code>$1</code>');
const refName = (ref: string) => ref.replace('#/components/schemas/', '');

function typeOf(s: Schema | undefined): string {
  if (!s) return 'any';
  if (s.$ref) return `<a href="#schema-${esc(refName(s.$ref))}">${esc(refName(s.$ref))}</a>`;
  if (s.const !== undefined) return `<code>${esc(JSON.stringify(s.const))}</code>`;
  if (s.enum) return s.enum.map((v) => `<code>${esc(JSON.stringify(v))}</code>`).join(' | ');
  if (s.anyOf) return s.anyOf.map(typeOf).join(' or ');
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  if (types.includes('array')) return `array of ${typeOf(s.items)}`;
  if (types.includes('object') && !s.properties) return 'object';
  const named = types.map((t) => (t === 'string' && s.format ? `string (${esc(s.format)})` : esc(t)));
  return named.join(' or ') || 'object';
}

function constraints(s: Schema): string {
  const c: string[] = [];
  for (const [k, label] of [
    ['minLength', 'min length'],
    ['maxLength', 'max length'],
    ['minimum', 'min'],
    ['maximum', 'max'],
    ['maxItems', 'at most'],
    ['pattern', 'pattern'],
    ['default', 'default'],
  ] as const) {
    if (s[k] !== undefined) c.push(`${label} <code>${esc(typeof s[k] === 'string' ? s[k] : JSON.stringify(s[k]))}</code>`);
  }
  return c.join(', ');
}

/** An object's fields as rows, nested objects flattened to dotted names (`invitees[].email`). */
function fieldRows(s: Schema, prefix = ''): string[] {
  const rows: string[] = [];
  const required = new Set(s.required ?? []);
  for (const [name, p] of Object.entries(s.properties ?? {})) {
    const full = `${prefix}${name}`;
    rows.push(
      `<tr><td><code>${esc(full)}</code>${required.has(name) ? '' : ' <small>optional</small>'}</td><td>${typeOf(p)}</td><td>${[p.description ? inline(p.description) : '', constraints(p)].filter(Boolean).join('; ')}</td></tr>`,
    );
    if (p.properties) rows.push(...fieldRows(p, `${full}.`));
    if (p.items?.properties) rows.push(...fieldRows(p.items, `${full}[].`));
  }
  return rows;
}

const fieldTable = (s: Schema) => {
  const rows = fieldRows(s);
  return rows.length > 0
    ? `<table><thead><tr><th>field</th><th>type</th><th>notes</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
    : `<p>${typeOf(s)}</p>`;
};

function operationSection(path: string, method: string, op: Operation): string {
  const params = op.parameters ?? [];
  const body = op.requestBody?.content['application/json']?.schema;
  const successes = Object.entries(op.responses).filter(([status]) => status.startsWith('2'));
  const failures = Object.entries(op.responses).filter(([status]) => !status.startsWith('2'));
  return `<section class="op" id="op-${esc(op.operationId)}">
<h3><span class="method ${esc(method)}">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code></h3>
<p>${esc(op.summary ?? op.operationId)} &middot; <code>${esc(op.operationId)}</code> &middot; ${op.security?.length === 0 ? 'public' : 'bearer JWT'}</p>
${params.length > 0 ? `<h4>Parameters</h4><table><thead><tr><th>name</th><th>in</th><th>type</th><th>notes</th></tr></thead><tbody>${params.map((p) => `<tr><td><code>${esc(p.name)}</code>${p.required ? '' : ' <small>optional</small>'}</td><td>${esc(p.in)}</td><td>${typeOf(p.schema)}</td><td>${[p.description ? inline(p.description) : '', constraints(p.schema)].filter(Boolean).join('; ')}</td></tr>`).join('')}</tbody></table>` : ''}
${body ? `<h4>Request body</h4>${fieldTable(body)}` : ''}
<h4>Responses</h4><ul>${successes.map(([status, r]) => `<li><strong>${esc(status)}</strong> ${r.content ? typeOf(Object.values(r.content)[0]?.schema) : 'no body'}${r.description ? ` &middot; ${inline(r.description)}` : ''}</li>`).join('')}</ul>
<h4>Errors</h4><table><thead><tr><th>status</th><th>codes</th></tr></thead><tbody>${failures
    .map(([status, r]) => {
      const codes = (r.content?.['application/problem+json']?.schema.properties?.code?.enum ?? []) as string[];
      const gateway = r.content?.['application/json'] ? ' <small>or API Gateway\'s own <code>{"message"}</code></small>' : '';
      return `<tr><td>${esc(status)}</td><td>${codes.map((c) => `<a href="#${problemAnchor(c)}"><code>${esc(c)}</code></a>`).join(', ')}${gateway}</td></tr>`;
    })
    .join('')}</tbody></table>
</section>`;
}

export function renderApiReference(doc: Document): string {
  const ops = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
  const tags = [...new Set(ops.map((o) => o.op.tags?.[0] ?? 'other'))];
  const problems = Object.entries(doc.components['x-problem-codes']).sort(([, a], [, b]) => a.status - b.status);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(doc.info.title)} ${esc(doc.info.version)}: API reference</title>
<style>
:root { --fg: #1d232b; --muted: #5b6673; --line: #d8dee6; --accent: #0b5cad; --bg-code: #f3f5f8; }
body { font: 15px/1.5 system-ui, sans-serif; color: var(--fg); max-width: 70rem; margin: 0 auto; padding: 1rem 1.5rem 4rem; }
a { color: var(--accent); } code { background: var(--bg-code); padding: 0 .25em; border-radius: 3px; font-size: .92em; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; } th, td { text-align: left; vertical-align: top; border-bottom: 1px solid var(--line); padding: .3rem .5rem; }
th { color: var(--muted); font-weight: 600; } small { color: var(--muted); }
.op { border-top: 2px solid var(--line); padding-top: .5rem; margin-top: 1.5rem; } h4 { margin: .8rem 0 .2rem; }
.method { display: inline-block; min-width: 4.2rem; font-size: .8em; padding: .1rem .4rem; border-radius: 3px; color: #fff; background: #52606d; text-align: center; }
.get { background: #1f7a44; } .post { background: #0b5cad; } .patch, .put { background: #8a5a00; } .delete { background: #b02a2a; }
nav ul { columns: 2; } :target { background: #fff8d6; }
</style></head><body>
<h1>${esc(doc.info.title)} <small>${esc(doc.info.version)}</small></h1>
<p>${inline(doc.info.summary ?? '')}</p>
<p>${inline(doc.info.description ?? '')}</p>
<p>Machine-readable: <a href="/openapi.json"><code>/openapi.json</code></a> (OpenAPI 3.1). Authentication: <code>Authorization: Bearer &lt;JWT&gt;</code> on every operation not marked public.</p>
<nav><h2>Operations</h2>${tags
    .map(
      (tag) =>
        `<h3>${esc(tag)}</h3><ul>${ops
          .filter((o) => (o.op.tags?.[0] ?? 'other') === tag)
          .map((o) => `<li><a href="#op-${esc(o.op.operationId)}"><code>${esc(o.method.toUpperCase())} ${esc(o.path)}</code></a></li>`)
          .join('')}</ul>`,
    )
    .join('')}
<p><a href="#schemas">Objects</a> &middot; <a href="#problems">Error codes</a></p></nav>
<h2>Operations</h2>
${ops.map((o) => operationSection(o.path, o.method, o.op)).join('\n')}
<h2 id="schemas">Objects</h2>
${Object.entries(doc.components.schemas)
  .map(
    ([name, s]) => `<section id="schema-${esc(name)}"><h3>${esc(name)}</h3>${s.description ? `<p>${inline(s.description)}</p>` : ''}${fieldTable(s)}</section>`,
  )
  .join('\n')}
<h2 id="problems">Error codes</h2>
<p>Every error is <code>application/problem+json</code> (RFC 9457): <code>{type, title, status, detail, code, requestId}</code>, plus <code>errors: [{path, message}]</code> on validation codes. Its <code>type</code> links here. Match on <code>code</code>, never on <code>detail</code> or <code>title</code> (wording may change).</p>
${problems.map(([code, p]) => `<section id="${problemAnchor(code)}"><h3><code>${esc(code)}</code> <small>${esc(p.status)}</small></h3><p>${esc(p.title)}</p><p><strong>What to do:</strong> ${inline(p.advice)}</p></section>`).join('\n')}
</body></html>
`;
}
