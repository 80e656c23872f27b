import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/**
 * Holds every response the integration suite receives to docs/openapi.json: the operation (method
 * and path template), a status it declares, the content type it declares for that status, and the
 * body against that schema with ajv in strict mode with formats. Response schemas are strict
 * (`additionalProperties: false`), and a problem's `code` must be one the route lists for that
 * status. A mismatch throws, which fails the test that made the request.
 */
type Json = Record<string, unknown>;
interface MediaType {
  schema: Json;
}
interface Operation {
  operationId: string;
  responses: Record<string, { content?: Record<string, MediaType>; headers?: Record<string, { $ref: string }> }>;
}

const doc = JSON.parse(readFileSync(join(import.meta.dirname, '../../docs/openapi.json'), 'utf8')) as {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Json>; headers: Record<string, { schema: Json }> };
};
const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
// the components as $defs of every compiled schema: refs to #/components/schemas/X become #/$defs/X
const defs = JSON.parse(JSON.stringify(doc.components.schemas).replaceAll('#/components/schemas/', '#/$defs/')) as Json;
const compiled = new Map<string, ValidateFunction>();
const validatorFor = (key: string, schema: Json) => {
  let v = compiled.get(key);
  if (!v) {
    v = ajv.compile({ ...(JSON.parse(JSON.stringify(schema).replaceAll('#/components/schemas/', '#/$defs/')) as Json), $defs: defs });
    compiled.set(key, v);
  }
  return v;
};

const templates = Object.entries(doc.paths).map(([template, ops]) => ({
  ops,
  pattern: new RegExp(`^${template.replace(/\{\w+\}/g, '[^/]+').replaceAll('.', '\\.')}$`),
}));

/** Where the count of validated responses goes (one line per response), set by the global setup. */
let countFile: string | undefined;
export function countValidatedResponsesIn(file: string) {
  countFile = file;
}

export interface Exchange {
  method: string;
  path: string;
  status: number;
  contentType: string | null;
  text: string;
  /** The response's headers; those the API defines for clients (below) must be declared for the status. */
  headers?: Headers;
}

/** Headers a client acts on: when a response carries one, its operation declares it for that status, with a matching value. */
const contractHeaders = ['retry-after', 'ratelimit', 'ratelimit-policy'];

/** Throws when the response is not one the document allows. Local-only routes (/_local/*) are not part of the API. */
export function checkAgainstDocument(x: Exchange): void {
  const pathname = new URL(x.path, 'http://x').pathname;
  if (pathname.startsWith('/_local/') || x.method === 'OPTIONS') return;
  const match = templates.find((t) => t.pattern.test(pathname));
  const op = match?.ops[x.method.toLowerCase()];
  if (!op) {
    // outside the table: the server's own 404/405, still a problem of the catalogue
    const v = validatorFor('Problem', { $ref: '#/components/schemas/Problem' });
    const body = parse(x);
    const code = (body as { code?: string })?.code;
    fail(
      x,
      !(x.status === 404 || x.status === 405) || !v(body) || !['route_not_found', 'method_not_allowed'].includes(code ?? ''),
      `no operation for ${x.method} ${pathname} in the document, and the answer is not route_not_found/method_not_allowed`,
      v,
    );
    record(x, 'unrouted');
    return;
  }
  const declared = op.responses[String(x.status)];
  fail(x, !declared, `${op.operationId} does not declare status ${x.status} (declared: ${Object.keys(op.responses).join(', ')})`);
  checkHeaders(x, op, declared?.headers ?? {});
  const content = declared?.content;
  if (!content) {
    fail(x, x.text.length > 0, `${op.operationId} ${x.status} declares no body, got one`);
    record(x, op.operationId);
    return;
  }
  const type = (x.contentType ?? '').split(';')[0]?.trim() ?? '';
  const media = content[type];
  fail(x, !media, `${op.operationId} ${x.status}: content type "${type}" is not declared (declared: ${Object.keys(content).join(', ')})`);
  const validate = validatorFor(`${op.operationId} ${x.status} ${type}`, (media as MediaType).schema);
  fail(x, !validate(type.startsWith('text/') ? x.text : parse(x)), `${op.operationId} ${x.status} ${type}: the body does not match the document`, validate);
  record(x, op.operationId);
}

function checkHeaders(x: Exchange, op: Operation, declared: Record<string, { $ref: string }>): void {
  const byName = new Map(Object.entries(declared).map(([name, h]) => [name.toLowerCase(), h.$ref.split('/').at(-1) ?? '']));
  for (const name of contractHeaders) {
    const value = x.headers?.get(name);
    if (value === null || value === undefined) continue;
    const component = byName.get(name);
    fail(x, !component, `${op.operationId} ${x.status} sends the ${name} header, which the document does not declare for this status`);
    const schema = doc.components.headers[component as string]?.schema ?? {};
    const v = validatorFor(`header ${component}`, schema);
    fail(x, !v(schema.type === 'integer' ? Number(value) : value), `${op.operationId} ${x.status}: header ${name}: "${value}" does not match the document`, v);
  }
}

function parse(x: Exchange): unknown {
  try {
    return JSON.parse(x.text);
  } catch {
    throw new Error(`contract: ${x.method} ${x.path} -> ${x.status}: the body is not JSON: ${x.text.slice(0, 200)}`);
  }
}

function fail(x: Exchange, failed: boolean, why: string, v?: ValidateFunction): void {
  if (!failed) return;
  const errors = v?.errors ? `\n${ajv.errorsText(v.errors, { separator: '\n' })}` : '';
  throw new Error(`contract (docs/openapi.json): ${x.method} ${x.path} -> ${x.status}: ${why}${errors}\nbody: ${x.text.slice(0, 500)}`);
}

function record(x: Exchange, operation: string): void {
  if (countFile) appendFileSync(countFile, `${operation} ${x.status}\n`);
}
