import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { runAsCli } from './run-as-cli.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The project's own code: the service and its bundles, the web app, the client, and the tests, bench and measurements that import them. */
const SOURCES = ['shared', 'functions', 'infra', 'scripts', 'web/src', 'clients/typescript/src', 'test', 'bench', 'measure'];

const sourceFiles = (dir: string): string[] =>
  readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts'))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));

/**
 * The import cycles among the project's own files, as the bundles import them: esbuild resolves each
 * import and its metafile is the graph. Type-only imports are erased before that (they cannot make a
 * module load before its dependency is ready), and packages are left out.
 */
export async function importCycles(dirs: string[] = SOURCES): Promise<string[][]> {
  const { metafile } = await build({
    absWorkingDir: ROOT,
    entryPoints: dirs.flatMap(sourceFiles),
    bundle: true,
    write: false,
    metafile: true,
    outdir: 'unused',
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'silent',
  });
  const edges = new Map<string, string[]>();
  for (const [file, input] of Object.entries(metafile.inputs)) {
    edges.set(
      file,
      input.imports.filter((i) => !i.external && i.path in metafile.inputs).map((i) => i.path),
    );
  }
  // Tarjan's strongly connected components: each component of more than one file is a cycle
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let next = 0;
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
      }
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    for (let w = stack.pop(); w !== undefined; w = stack.pop()) {
      onStack.delete(w);
      component.push(w);
      if (w === v) break;
    }
    if (component.length > 1) cycles.push(component.sort());
  };
  for (const v of edges.keys()) if (!index.has(v)) visit(v);
  return cycles;
}

runAsCli(import.meta.url, async () => {
  const cycles = await importCycles();
  for (const c of cycles) process.stderr.write(`import cycle: ${c.join(' <-> ')}\n`);
  if (cycles.length === 0) process.stdout.write('no import cycles\n');
  return cycles.length === 0 ? 0 : 1;
});
