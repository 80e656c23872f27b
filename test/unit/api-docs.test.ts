import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { routes } from '../../functions/http/routes.ts';
import { apiCodes as errorCodes } from '../../functions/http/transport-errors.ts';

/*
 * docs/api.md is the narrative; the route list, objects and codes are the generated OpenAPI
 * document and the reference rendered from it (test/contract/ checks that they cover every route and
 * code and are current). What can still drift here is prose naming something that no longer exists.
 */
const doc = readFileSync(join(import.meta.dirname, '../../docs/api.md'), 'utf8');

describe('the API documentation', () => {
  it('points to the generated document and the reference instead of repeating them', () => {
    expect(doc).toContain('[`openapi.json`](openapi.json)');
    expect(doc).toContain('`GET /docs`');
    expect(doc).toContain('[`api-reference.html`](api-reference.html)');
    expect(doc, 'no route table: the reference has it').not.toMatch(/^\| `(GET|POST|PATCH|PUT|DELETE) \//m);
  });

  it('names only routes that exist', () => {
    const known = new Set(routes.map((r) => `${r.method} ${r.path}`));
    const named = [...doc.matchAll(/`(GET|POST|PATCH|PUT|DELETE) (\/[^`?\s]*)/g)].map((m) => `${m[1]} ${m[2]}`).filter((r) => !r.includes('/_local/'));
    expect(named.length).toBeGreaterThan(5);
    expect(named.filter((r) => !known.has(r))).toEqual([]);
  });

  it('names only error codes of the catalogue', () => {
    const named = [...doc.matchAll(/`(\d{3}) ([a-z_]+)`/g)].map((m) => m[2] as string);
    expect(named.length).toBeGreaterThan(5);
    expect(named.filter((c) => !(c in errorCodes))).toEqual([]);
  });
});
