import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod/mini';
import { commonProblems, gatewayStatuses, problemCatalogue, type RouteShape } from '../functions/http/problems.ts';
import { routeResponses, schemaNames } from '../functions/http/response-schemas.ts';
import { type RouteSpec, routeSpecs, scopes } from '../functions/http/routes.ts';
import { type ApiCode, apiCodes } from '../functions/http/transport-errors.ts';
import type { HttpContract } from '../functions/http/with-http.ts';
import { quotaErrorCodes } from '../shared/domain/limits/quotas.ts';

/**
 * The OpenAPI 3.1 document, built from the route table (paths, methods, auth, error codes), the
 * schemas each handler parses its requests with (read from the handler itself), and the response
 * schemas the handlers' results are typed by. `npm run openapi` writes it to docs/openapi.json;
 * a test fails when that file differs from what this builds.
 */
type Json = Record<string, unknown>;
const ROOT = join(import.meta.dirname, '..');
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

export async function buildOpenApiDocument(): Promise<Json> {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; license?: string };
  const { schemas } = z.toJSONSchema(schemaNames, { uri: (id) => `#/components/schemas/${id}`, io: 'output', unrepresentable: 'any' });
  const paths: Record<string, Json> = {};
  for (const route of routeSpecs) {
    const contract = await handlerContract(route);
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operation(route, contract);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'org-invitations',
      version: pkg.version,
      summary: 'Organization membership and invitations: orgs, invitations, members, teams, audit.',
      description: [
        'Every error is `application/problem+json` (RFC 9457) with a stable `code`; each operation lists the codes it can answer,',
        'and every problem `type` points to the explanation of its code in the API reference (`/docs`).',
        'Lists take `limit` (1-200, default 50) and an opaque `cursor`, and answer `{items, nextCursor}`.',
        'Versioning: see docs/api.md, "Compatibility".',
      ].join(' '),
      ...(pkg.license ? { license: { name: pkg.license, identifier: pkg.license } } : {}),
    },
    servers: [{ url: 'http://127.0.0.1:3000', description: 'the local stack (`npm start`)' }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'An OIDC token of the configured issuer; claims used: `sub`, `email`, `email_verified`, `name`. Locally: `POST /_local/token`.',
        },
        // A deployer's backend (a service principal): an operation that lists this scheme's scope accepts
        // its client-credentials token holding that scope, and refuses it otherwise (403 insufficient_scope)
        backend: {
          type: 'oauth2',
          description:
            "A backend's OAuth client-credentials access token (no user): Cognito's (`sub` = `client_id`; scopes prefixed with the resource server `org-invitations/`) or Auth0's (`gty` = `client-credentials`, `sub` = `<azp>@clients`; `scope` and/or `permissions`). It acts as an admin of any org within its scopes; the audit log names it `service:<clientId>`. The token URL is the deployment's (Cognito: `https://<domain>/oauth2/token`); this one is the local stack's. See docs/deploy.md.",
          flows: {
            clientCredentials: {
              tokenUrl: 'http://127.0.0.1:5174/token',
              scopes: Object.fromEntries(scopes.map((s) => [s, `org-invitations API: ${s}`])),
            },
          },
        },
      },
      schemas: Object.fromEntries(Object.entries(schemas).map(([name, s]) => [name, clean(s)])),
      headers: {
        'Retry-After': {
          description: "Seconds to wait before retrying. Sent with every problem+json 429 and 503 (API Gateway's own throttling answer has none).",
          schema: { type: 'integer', minimum: 1 },
        },
        RateLimit: {
          description: `With a refused daily quota (${quotaErrorCodes.map((c) => `\`${c}\``).join(', ')}): the quota's name, what is left and the seconds until it resets, as IETF structured fields (draft-ietf-httpapi-ratelimit-headers), e.g. \`"org_invitation_emails";r=0;t=3600\`. The problem's \`rateLimit\` member carries the same.`,
          schema: { type: 'string', pattern: '^"[a-z_]+";r=\\d+;t=\\d+$' },
          example: '"org_invitation_emails";r=0;t=3600',
        },
        'RateLimit-Policy': {
          description: 'With a refused daily quota: the quota\'s name, its size and its window in seconds, e.g. `"org_invitation_emails";q=500;w=86400`.',
          schema: { type: 'string', pattern: '^"[a-z_]+";q=\\d+;w=\\d+$' },
          example: '"org_invitation_emails";q=500;w=86400',
        },
      },
      'x-problem-codes': Object.fromEntries(
        Object.entries(problemCatalogue).map(([code, p]) => [
          code,
          {
            status: p.status,
            title: apiCodes[code as ApiCode],
            advice: p.advice,
          },
        ]),
      ),
    },
  };
}

async function handlerContract(route: RouteSpec): Promise<HttpContract> {
  const mod = (await import(join(ROOT, 'functions/http', route.entry))) as { handler: { contract?: HttpContract } };
  const contract = mod.handler.contract;
  if (!contract) throw new Error(`${route.entry}: the handler is not built with withHttp`);
  if (contract.route !== route.id) throw new Error(`${route.entry} says it serves ${contract.route}, the route table says ${route.id}`);
  return contract;
}

function operation(route: RouteSpec, contract: HttpContract): Json {
  const shape: RouteShape = {
    auth: route.auth,
    body: contract.body !== undefined,
    input: Boolean(contract.body ?? contract.query ?? contract.params),
    idempotent: contract.idempotent,
  };
  const body = contract.body ? jsonSchema(contract.body) : undefined;
  return {
    operationId: route.id,
    summary: route.id
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .toLowerCase()
      .replace(/^./, (c) => c.toUpperCase()),
    tags: [tagOf(route.path)],
    // a signed-in user, or a backend holding the route's scope; without a scope, users only (the document's default)
    ...(route.auth ? (route.scope ? { security: [{ bearer: [] }, { backend: [route.scope] }] } : {}) : { security: [] }),
    ...nonEmpty('parameters', [
      ...parameters(contract.params, 'path'),
      ...parameters(contract.query, 'query'),
      ...(contract.idempotent
        ? [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: false,
              description:
                'The same caller, key, path and body within 24 h get the first response back (header `idempotent-replayed: true`); nothing is done again.',
              schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x22\\x24-\\x7e]+$' },
            },
          ]
        : []),
    ]),
    ...(body
      ? {
          requestBody: {
            required: Array.isArray(body.required) && body.required.length > 0,
            content: { 'application/json': { schema: body } },
          },
        }
      : {}),
    responses: { ...successes(route), ...problems(route, shape) },
  };
}

function successes(route: RouteSpec): Json {
  const declared = routeResponses[route.id as keyof typeof routeResponses] as Record<number, z.ZodMiniType | null>;
  return Object.fromEntries(
    Object.entries(declared).map(([status, schema]) => {
      if (!schema) return [status, { description: 'Done; no body.' }];
      const meta = schemaNames.get(schema);
      if (!meta) throw new Error(`${route.id} ${status}: response schemas must be named (response-schemas.ts)`);
      return [
        status,
        {
          description:
            status === '207'
              ? 'Some recipients were not invited: see each result. With `incomplete: true` and `Retry-After`, some are `service_busy`: send the same request again (same Idempotency-Key) to invite them.'
              : 'Success.',
          ...(status === '207'
            ? { headers: { 'Retry-After': { $ref: '#/components/headers/Retry-After', description: 'Present when `incomplete` is true.' } } }
            : {}),
          content: { [meta.mediaType ?? 'application/json']: { schema: ref(meta.id) } },
        },
      ];
    }),
  );
}

function problems(route: RouteSpec, shape: RouteShape): Json {
  const codes = [...new Set([...commonProblems(shape), ...route.errors])];
  const byStatus = new Map<number, string[]>();
  for (const code of codes) {
    const { status } = problemCatalogue[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  for (const status of gatewayStatuses(shape)) if (!byStatus.has(status)) byStatus.set(status, []);
  const out: Json = {};
  for (const status of [...byStatus.keys()].sort()) {
    const list = (byStatus.get(status) ?? []).sort();
    const content: Json = {};
    if (list.length > 0) {
      content['application/problem+json'] = {
        schema: { ...ref('Problem'), type: 'object', properties: { status: { const: status }, code: { enum: list } } },
      };
    }
    if (gatewayStatuses(shape).includes(status)) content['application/json'] = { schema: ref('GatewayMessage') };
    out[String(status)] = {
      description: [
        ...list.map((c) => `- \`${c}\`: ${apiCodes[c as ApiCode]}`),
        ...(gatewayStatuses(shape).includes(status)
          ? [`- API Gateway's own ${status === 401 ? 'authorizer refusal' : 'throttling'}: \`{"message": "..."}\``]
          : []),
      ].join('\n'),
      ...(status === 429 || status === 503 ? { headers: responseHeaders(list) } : {}),
      content,
    };
  }
  return out;
}

/** A 429 or 503 problem says when to retry; a refused daily quota also says which quota and what is left. */
function responseHeaders(codes: string[]): Json {
  const quota = codes.some((c) => quotaErrorCodes.includes(c as (typeof quotaErrorCodes)[number]));
  return {
    'Retry-After': { $ref: '#/components/headers/Retry-After' },
    ...(quota ? { RateLimit: { $ref: '#/components/headers/RateLimit' }, 'RateLimit-Policy': { $ref: '#/components/headers/RateLimit-Policy' } } : {}),
  };
}

function parameters(schema: z.ZodMiniType<unknown> | undefined, where: 'path' | 'query'): Json[] {
  if (!schema) return [];
  const s = jsonSchema(schema) as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(s.properties ?? {}).map(([name, p]) => ({
    name,
    in: where,
    required: where === 'path' || (s.required ?? []).includes(name),
    schema: p,
  }));
}

const jsonSchema = (schema: z.ZodMiniType<unknown>) => clean(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json);

/**
 * Components and inline schemas carry no `$schema`/`$id` of their own (the document's dialect is
 * 2020-12 already), and a date-time is `format: date-time` without zod's 300-character regex.
 */
function clean(s: unknown): Json {
  const { $schema: _s, $id: _i, ...rest } = s as Json;
  return withoutDateTimePatterns(rest) as Json;
}

function withoutDateTimePatterns(s: unknown): unknown {
  if (Array.isArray(s)) return s.map(withoutDateTimePatterns);
  if (!s || typeof s !== 'object') return s;
  const o = s as Json;
  const out: Json = {};
  for (const [k, v] of Object.entries(o)) {
    if (k === 'pattern' && o.format === 'date-time') continue;
    // zod's bounds of a safe integer say nothing a client needs
    if ((k === 'minimum' || k === 'maximum') && Math.abs(v as number) === Number.MAX_SAFE_INTEGER) continue;
    out[k] = withoutDateTimePatterns(v);
  }
  return out;
}

const nonEmpty = (key: string, list: Json[]) => (list.length > 0 ? { [key]: list } : {});

const tagOf = (path: string) => {
  const first = path.split('/')[1] ?? '';
  if (path.startsWith('/orgs/{orgId}/')) return path.split('/')[3] ?? 'orgs';
  return first.replace('.json', '');
};
