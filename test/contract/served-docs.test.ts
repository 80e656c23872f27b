import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderApiReference } from '../../functions/http/api-reference.ts';
import { apiCodes as errorCodes } from '../../functions/http/transport-errors.ts';
import { useStack } from '../helpers/stack.ts';

const t = useStack();
const ROOT = join(import.meta.dirname, '../..');
const committed = JSON.parse(readFileSync(join(ROOT, 'docs/openapi.json'), 'utf8'));

describe('the API describes itself', () => {
  it('GET /openapi.json answers the committed document, without a token', async () => {
    const res = await t.request('GET', '/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.body).toEqual(committed);
  });

  it('GET /docs answers the reference page rendered from that document, self-contained', async () => {
    const res = await t.request<string>('GET', '/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(res.body).toBe(renderApiReference(committed));
    // nothing loaded from elsewhere: no script, no external stylesheet, image or font
    expect(res.body).not.toMatch(/<script|<link|<img|@import|url\(/i);
    for (const route of Object.values(committed.paths as Record<string, Record<string, { operationId: string }>>).flatMap((p) => Object.values(p))) {
      expect(res.body).toContain(`id="op-${route.operationId}"`);
    }
  });

  it('docs/api-reference.html is the page the document renders to (run `npm run openapi`)', () => {
    expect(readFileSync(join(ROOT, 'docs/api-reference.html'), 'utf8')).toBe(renderApiReference(committed));
  });

  it('every problem type resolves to an explanation of its code on the reference page', async () => {
    const page = (await t.request<string>('GET', '/docs')).body;
    const refused = await t.request('GET', '/me');
    expect(refused.status).toBe(401);
    const type = new URL(refused.body.type, t.stack.url);
    expect(type.pathname).toBe('/docs');
    expect(page).toContain(`id="${type.hash.slice(1)}"`);
    for (const code of Object.keys(errorCodes)) {
      const anchor = `problem-${code.replaceAll('_', '-')}`;
      const at = page.indexOf(`id="${anchor}"`);
      expect(at, code).toBeGreaterThan(-1);
      const section = page.slice(at);
      expect(section.slice(0, section.indexOf('</section>')), code).toMatch(/What to do:<\/strong> \S/);
    }
  });
});
