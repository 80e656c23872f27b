import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { entryWithSecrets, esbuildOptions } from '../../infra/constructs/api-function.ts';

/**
 * A Lambda bundle exactly as the CDK construct builds it (its BUNDLING settings, and for functions
 * that get the link secret, the generated entry that reads it at cold start).
 */
export async function bundle(entry: string, outfile: string, withSecret = true) {
  await build({
    absWorkingDir: join(fileURLToPath(new URL('.', import.meta.url)), '../..'),
    entryPoints: [withSecret ? entryWithSecrets(entry) : entry],
    outfile,
    ...esbuildOptions,
    logLevel: 'silent',
    legalComments: 'none',
  });
  const code = readFileSync(outfile);
  return { bytes: code.length, gzip: gzipSync(code).length };
}
