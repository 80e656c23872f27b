import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { routes } from '../../functions/http/routes.ts';
import { apiCodes as errorCodes } from '../../functions/http/transport-errors.ts';
import { buildOpenApiDocument } from '../../scripts/openapi-document.ts';

const committed = JSON.parse(readFileSync(join(import.meta.dirname, '../../docs/openapi.json'), 'utf8'));
type Operation = {
  operationId: string;
  security?: unknown[];
  responses: Record<string, { content?: Record<string, { schema: { properties?: { code?: { enum: string[] } } } }> }>;
};
const operations = Object.values(committed.paths as Record<string, Record<string, Operation>>).flatMap((p) => Object.values(p));

describe('the OpenAPI document', () => {
  it('docs/openapi.json is what the code generates (run `npm run openapi` after changing routes, schemas or codes)', async () => {
    expect(committed).toEqual(await buildOpenApiDocument());
  }, 60_000);

  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(committed));
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('has one operation per route of the route table, with its auth', () => {
    expect(operations.map((o) => o.operationId).sort()).toEqual(routes.map((r) => r.id).sort());
    for (const r of routes) {
      const op = committed.paths[r.path]?.[r.method.toLowerCase()] as Operation;
      expect(op?.operationId, `${r.method} ${r.path}`).toBe(r.id);
      // public: no security; signed-in users only: the document's default (bearer); with a scope, also a backend holding it
      const security = !r.auth ? [] : 'scope' in r ? [{ bearer: [] }, { backend: [r.scope] }] : undefined;
      expect(op.security, `${r.id} auth`).toEqual(security);
    }
  });

  it("lists every code a route declares, under that code's status", () => {
    for (const r of routes) {
      const op = committed.paths[r.path][r.method.toLowerCase()] as Operation;
      const listed = Object.values(op.responses).flatMap((res) => res.content?.['application/problem+json']?.schema.properties?.code?.enum ?? []);
      for (const code of r.errors) expect(listed, `${r.id}: ${code}`).toContain(code);
    }
  });

  it('every code of the catalogue can be answered by some route (a code nobody answers is dead)', () => {
    const answered = new Set(
      operations.flatMap((op) => Object.values(op.responses).flatMap((res) => res.content?.['application/problem+json']?.schema.properties?.code?.enum ?? [])),
    );
    // answered by the server for paths outside the table, not by an operation
    const routing = ['route_not_found', 'method_not_allowed'];
    expect(Object.keys(errorCodes).filter((c) => !answered.has(c) && !routing.includes(c))).toEqual([]);
  });
});
