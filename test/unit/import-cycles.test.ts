import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importCycles } from '../../scripts/import-cycles.ts';

const ROOT = join(import.meta.dirname, '../..');
// a throwaway folder inside the repository, so the check resolves it as it resolves the sources
const dir = mkdtempSync(join(ROOT, 'test-results-cycles-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the import-cycle check run by npm run lint', () => {
  it('finds a cycle of three modules, and not a type-only import back', async () => {
    mkdirSync(join(dir, 'src'), { recursive: true });
    writeFileSync(join(dir, 'src/a.ts'), "import { b } from './b.ts';\nexport const a = () => b();\n");
    writeFileSync(join(dir, 'src/b.ts'), "import { c } from './c.ts';\nexport const b = () => c();\n");
    writeFileSync(join(dir, 'src/c.ts'), "import { a } from './a.ts';\nexport const c = () => a;\n");
    writeFileSync(join(dir, 'src/d.ts'), "import type { E } from './e.ts';\nexport type D = E;\nexport const d = 1;\n");
    writeFileSync(join(dir, 'src/e.ts'), "import { d } from './d.ts';\nexport type E = number;\nexport const e = d;\n");
    const rel = relative(ROOT, join(dir, 'src'));
    expect(await importCycles([rel])).toEqual([['a.ts', 'b.ts', 'c.ts'].map((f) => `${rel}/${f}`)]);
  });

  it("finds none in the service's own code", async () => {
    expect(await importCycles()).toEqual([]);
  });
});
