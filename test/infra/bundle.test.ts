import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { type RouteSpec, routes } from '../../functions/http/routes.ts';
import { BUNDLING, entryWithSecrets } from '../../infra/constructs/api-function.ts';

/**
 * The bundles, built with the construct's own esbuild settings (BUNDLING) in one esbuild call:
 * the CDK synth in stack.test.ts skips bundling because it takes minutes for 30+ functions.
 */
const ROOT = join(import.meta.dirname, '../..');
/** 400 KB in decimal units, the stricter reading of the target. */
const MAX_BYTES = 400_000;
const workers = ['dispatcher', 'reminder', 'delivery-events'];

const routeSpecs: readonly RouteSpec[] = routes;
const entries: Record<string, string> = {
  // as CDK builds them: the cold-start read of the link secret only where the route table grants it
  ...Object.fromEntries(routeSpecs.map((r) => {
    const entry = join(ROOT, 'functions/http', r.entry);
    return [r.id, r.access.linkSecret ? entryWithSecrets(entry) : entry];
  })),
  ...Object.fromEntries(workers.map((w) => [w, entryWithSecrets(join(ROOT, 'functions/workers', `${w}.ts`))])),
  // the publisher is not given the link secret, so it has no cold-start read
  'event-publisher': join(ROOT, 'functions/workers/event-publisher.ts'),
};
let outdir: string;
/** Per bundle, the source files that put code in it (a file esbuild tree-shook to nothing is left out). */
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
    .map(([file, out]) => [
      file.replace(/^.*\/(.+)\.mjs$/, '$1'),
      Object.entries(out.inputs).filter(([, input]) => input.bytesInOutput > 0).map(([input]) => input),
    ]));
}, 240_000);

describe('function bundles', () => {
  it('every function bundle stays within 400 KB minified', () => {
    const sizes = Object.fromEntries(Object.keys(entries).map((name) => [name, statSync(join(outdir, `${name}.mjs`)).size]));
    const tooBig = Object.entries(sizes).filter(([, size]) => size > MAX_BYTES);
    expect(tooBig, JSON.stringify(sizes)).toEqual([]);
  });

  it('a route is deployed with the link secret exactly when its bundle holds code that signs with it', () => {
    // link tokens, pseudonyms and list cursors are the only users of LINK_SECRET (functions/http/adapters.ts)
    const signers = ['shared/adapters/crypto/link-tokens.ts', 'shared/adapters/crypto/pseudonyms.ts', 'shared/adapters/dynamodb/cursors.ts'];
    const signing = routeSpecs.filter((r) => inputsOf[r.id]?.some((f) => signers.some((x) => f.endsWith(x)))).map((r) => r.id);
    expect(signing.length).toBeGreaterThan(0);
    expect(routeSpecs.filter((r) => r.access.linkSecret).map((r) => r.id).sort()).toEqual(signing.sort());
    // and without the secret, nothing reads it at cold start: the Secrets Manager client is not in the bundle
    for (const r of routeSpecs) {
      expect(inputsOf[r.id]?.some((f) => f.includes('client-secrets-manager')), r.id).toBe(r.access.linkSecret === true);
    }
  });

  it('a route bundles the stores its use case calls and no other', () => {
    const stores = (id: string) => (inputsOf[id] ?? []).filter((f) => f.endsWith('-store.ts')).map((f) => f.replace(/^.*\/(.+)-store\.ts$/, '$1'));
    expect(stores('Health')).toEqual([]);
    for (const [id, absent] of [['RenameTeam', ['audit', 'erasure', 'idempotency', 'auto-join', 'primary-contact']], ['GetOrg', ['team', 'audit', 'erasure']]] as const) {
      expect(stores(id).filter((x) => (absent as readonly string[]).includes(x)), id).toEqual([]);
    }
    expect(stores('DeleteMe')).toContain('erasure');
    expect(stores('CreateOrg')).toContain('idempotency');
  });

  it('workers bundle only the stores they call, not the routes\' adapters', () => {
    // invitation-store borrows item helpers from the member and org stores, so those files appear (tree-shaken)
    const routeOnly = ['team', 'audit', 'auto-join', 'idempotency', 'primary-contact', 'erasure'].map((s) => `adapters/dynamodb/${s}-store.ts`);
    for (const w of [...workers, 'event-publisher']) {
      const bundled = inputsOf[w] ?? [];
      expect(bundled.length, w).toBeGreaterThan(0);
      expect(bundled.filter((f) => f.endsWith('functions/http/adapters.ts') || routeOnly.some((r) => f.endsWith(r))), w).toEqual([]);
    }
  });

  it('a bundle loads as an ES module on Node and answers a request, without the link secret it is not given', async () => {
    vi.stubEnv('TABLE_NAME', 'unused');
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
