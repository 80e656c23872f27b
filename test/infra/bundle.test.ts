import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { routes } from '../../functions/http/routes.ts';
import { BUNDLING, entryWithSecrets } from '../../infra/constructs/api-function.ts';

/**
 * The bundles, built with the construct's own esbuild settings (BUNDLING) in one esbuild call:
 * the CDK synth in stack.test.ts skips bundling because it takes minutes for 30+ functions.
 */
const ROOT = join(import.meta.dirname, '../..');
/** 400 KB in decimal units, the stricter reading of the target. */
const MAX_BYTES = 400_000;
const workers = ['dispatcher', 'reminder', 'delivery-events'];

const entries: Record<string, string> = {
  ...Object.fromEntries(routes.map((r) => [r.id, entryWithSecrets(join(ROOT, 'functions/http', r.entry))])),
  ...Object.fromEntries(workers.map((w) => [w, entryWithSecrets(join(ROOT, 'functions/workers', `${w}.ts`))])),
  // the publisher is not given the link secret, so it has no cold-start read
  'event-publisher': join(ROOT, 'functions/workers/event-publisher.ts'),
};
let outdir: string;
let inputsOf: Record<string, string[]>;

beforeAll(async () => {
  outdir = mkdtempSync(join(tmpdir(), 'bundles-'));
  const { metafile } = await build({
    absWorkingDir: ROOT,
    metafile: true,
    entryPoints: entries,
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: BUNDLING.target,
    minify: true,
    mainFields: BUNDLING.mainFields,
    banner: { js: BUNDLING.banner },
    alias: BUNDLING.alias,
    logLevel: 'error',
  });
  inputsOf = Object.fromEntries(Object.entries(metafile.outputs)
    .filter(([file]) => file.endsWith('.mjs'))
    .map(([file, out]) => [file.replace(/^.*\/(.+)\.mjs$/, '$1'), Object.keys(out.inputs)]));
}, 240_000);

describe('function bundles', () => {
  it('every function bundle stays within 400 KB minified', () => {
    const sizes = Object.fromEntries(Object.keys(entries).map((name) => [name, statSync(join(outdir, `${name}.mjs`)).size]));
    const tooBig = Object.entries(sizes).filter(([, size]) => size > MAX_BYTES);
    expect(tooBig, JSON.stringify(sizes)).toEqual([]);
  });

  it('workers bundle only the stores they call, not the routes\' composition root', () => {
    // invitation-store borrows item helpers from the member and org stores, so those files appear (tree-shaken)
    const routeOnly = ['team', 'audit', 'auto-join', 'idempotency', 'primary-contact', 'erasure'].map((s) => `adapters/dynamodb/${s}-store.ts`);
    for (const w of [...workers, 'event-publisher']) {
      const bundled = inputsOf[w] ?? [];
      expect(bundled.length, w).toBeGreaterThan(0);
      expect(bundled.filter((f) => f.endsWith('functions/http/deps.ts') || routeOnly.some((r) => f.endsWith(r))), w).toEqual([]);
    }
    expect(inputsOf.DeleteMe?.some((f) => f.endsWith('erasure-store.ts'))).toBe(true);
  });

  it('a bundle loads as an ES module on Node and answers a request', async () => {
    vi.stubEnv('TABLE_NAME', 'unused');
    vi.stubEnv('LINK_SECRET', 'k'.repeat(40));
    const { handler } = await import(pathToFileURL(join(outdir, 'Health.mjs')).href);
    const res = await handler(
      { routeKey: 'GET /health', rawPath: '/health', headers: {}, requestContext: { http: { method: 'GET' } } },
      { awsRequestId: 'r1' },
    );
    expect(res.statusCode).toBe(200);
    vi.unstubAllEnvs();
  });

  it('takes credentials from the environment only: the default chain\'s SSO and STS clients are not bundled', async () => {
    const { readFileSync } = await import('node:fs');
    for (const name of Object.keys(entries)) {
      expect(readFileSync(join(outdir, `${name}.mjs`), 'utf8'), name).not.toMatch(/AssumeRoleWithWebIdentity|GetRoleCredentials/);
    }
  });
});
