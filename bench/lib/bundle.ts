import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/**
 * The esbuild settings of the Lambda bundles (infra/constructs/api-function.ts uses the same:
 * ESM, node22, minified, `mainFields: module,main` for the SDK's ESM builds, a createRequire banner).
 */
export async function bundle(entry: string, outfile: string) {
  const res = await build({
    entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node22', minify: true,
    mainFields: ['module', 'main'], metafile: true, logLevel: 'silent', legalComments: 'none',
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  });
  const out = Object.values(res.metafile.outputs)[0];
  const { readFileSync } = await import('node:fs');
  const code = readFileSync(outfile);
  return { bytes: out?.bytes ?? code.length, gzip: gzipSync(code).length };
}
