import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { routes } from '../../functions/http/routes.ts';
import { errorCodes } from '../../shared/domain/errors.ts';

const doc = readFileSync(join(import.meta.dirname, '../../docs/api.md'), 'utf8');

describe('the API documentation', () => {
  it('lists every route of the route table', () => {
    const missing = routes.filter((r) => !doc.includes(`\`${r.method} ${r.path}`)).map((r) => `${r.method} ${r.path}`);
    expect(missing, 'add these routes to docs/api.md').toEqual([]);
  });

  it('names every error code of the catalogue', () => {
    const missing = Object.keys(errorCodes).filter((c) => !doc.includes(`\`${c}\``));
    expect(missing, 'add these codes to docs/api.md').toEqual([]);
  });
});
