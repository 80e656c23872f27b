import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { routeSpecs } from '../../functions/http/routes.ts';
import { esbuildOptions, lambdaEntry } from '../../infra/constructs/api-function.ts';

/**
 * The bundles, built with the construct's own esbuild settings (BUNDLING) in one esbuild call:
 * the CDK synth in stack.test.ts skips bundling because it takes minutes for 30+ functions.
 */
const ROOT = join(import.meta.dirname, '../..');
/**
 * 400 KB read as 400 KiB. It was the stricter decimal reading (400,000 bytes) until the stream
 * dispatcher took on a deleted org's cleanup and reached 407,763 bytes (2026-12-02). Since then
 * shared/config.ts reads the environment without zod (shared/config-fields.ts), which took 22.9 KB
 * out of every worker's bundle; the emails' six languages took 12.6 KB of it back.
 */
const MAX_BYTES = 400 * 1024;
/** The workers, and whether infra/stacks/api-stack.ts deploys each with the link secret. */
const workers = { dispatcher: true, reminder: false, 'delivery-events': false, 'event-publisher': false };
const withSecret = (entry: string, secret: boolean | undefined) => lambdaEntry(entry, { linkSecret: secret === true });

// as CDK builds them: the cold-start read of the link secret only where the stack grants it
const entries: Record<string, string> = {
  ...Object.fromEntries(routeSpecs.map((r) => [r.id, withSecret(join(ROOT, 'functions/http', r.entry), r.access.linkSecret)])),
  ...Object.fromEntries(Object.entries(workers).map(([w, secret]) => [w, withSecret(join(ROOT, 'functions/workers', `${w}.ts`), secret)])),
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
    ...esbuildOptions,
    logLevel: 'error',
  });
  inputsOf = Object.fromEntries(
    Object.entries(metafile.outputs)
      .filter(([file]) => file.endsWith('.mjs'))
      .map(([file, out]) => [
        file.replace(/^.*\/(.+)\.mjs$/, '$1'),
        Object.entries(out.inputs)
          .filter(([, input]) => input.bytesInOutput > 0)
          .map(([input]) => input),
      ]),
  );
}, 240_000);

describe('function bundles', () => {
  it('every function bundle stays within 400 KB minified', () => {
    const sizes = Object.fromEntries(Object.keys(entries).map((name) => [name, statSync(join(outdir, `${name}.mjs`)).size]));
    const tooBig = Object.entries(sizes).filter(([, size]) => size > MAX_BYTES);
    expect(tooBig, JSON.stringify(sizes)).toEqual([]);
  });

  it('a function is deployed with the link secret exactly when its bundle holds code that signs with it', () => {
    // link tokens and list cursors are the only users of LINK_SECRET: code that is not in
    // a bundle cannot run, so a function whose bundle lacks them never needs the secret
    const signers = ['shared/adapters/crypto/link-tokens.ts', 'shared/adapters/dynamodb/cursors.ts'];
    const deployedWith: Record<string, boolean> = {
      ...Object.fromEntries(routeSpecs.map((r) => [r.id, r.access.linkSecret === true])),
      ...workers,
    };
    const signing = Object.keys(entries).filter((name) => inputsOf[name]?.some((f) => signers.some((x) => f.endsWith(x))));
    expect(signing.length).toBeGreaterThan(0);
    expect(
      Object.keys(deployedWith)
        .filter((name) => deployedWith[name])
        .sort(),
    ).toEqual(signing.sort());
    // and without the secret, nothing reads it at cold start: the Secrets Manager client is not in the bundle
    for (const [name, secret] of Object.entries(deployedWith)) {
      expect(
        inputsOf[name]?.some((f) => f.includes('client-secrets-manager')),
        name,
      ).toBe(secret);
    }
  });

  it('a route bundles the stores its use case calls (and the ones those import helpers from), no other', () => {
    const stores = (id: string) =>
      (inputsOf[id] ?? [])
        .filter((f) => f.endsWith('-store.ts'))
        .map((f) => f.replace(/^.*\/(.+)-store\.ts$/, '$1'))
        .sort();
    // no store imports another (shared transaction items live in tx-items.ts): a route holds only the stores it calls
    const expected: Record<string, string[]> = {
      Health: [],
      GetMe: [],
      GetOrg: ['org', 'quota'],
      CreateOrg: ['idempotency', 'org', 'quota'],
      ListAuditEvents: ['audit', 'org'],
      RenameTeam: ['member', 'team'],
      DeleteMe: ['erasure', 'invitation', 'member', 'org'],
      InviteMembers: ['idempotency', 'invitation', 'member', 'org', 'quota', 'team'],
    };
    for (const [id, want] of Object.entries(expected)) expect(stores(id), id).toEqual(want);
  });

  it("workers bundle only the stores they call, not the routes' adapters", () => {
    const routeOnly = ['team', 'audit', 'auto-join', 'idempotency', 'primary-contact', 'erasure'].map((s) => `adapters/dynamodb/${s}-store.ts`);
    for (const w of Object.keys(workers)) {
      const bundled = inputsOf[w] ?? [];
      expect(bundled.length, w).toBeGreaterThan(0);
      expect(
        bundled.filter((f) => f.endsWith('functions/http/adapters.ts') || routeOnly.some((r) => f.endsWith(r))),
        w,
      ).toEqual([]);
    }
  });

  it('a bundle loads as an ES module on Node and answers a request, without the link secret it is not given', async () => {
    vi.stubEnv('TABLE_NAME', 'unused');
    const { handler } = await import(pathToFileURL(join(outdir, 'Health.mjs')).href);
    const res = await handler(
      { routeKey: 'GET /health', rawPath: '/health', headers: {}, requestContext: { http: { method: 'GET' } } },
      // the Lambda context's own shape: the handler reads the invocation's deadline from it
      { awsRequestId: 'r1', getRemainingTimeInMillis: () => 29_000 },
    );
    expect(res.statusCode).toBe(200);
    vi.unstubAllEnvs();
  });

  it("takes credentials from the environment only: the default chain's SSO and STS clients are not bundled", async () => {
    const { readFileSync } = await import('node:fs');
    for (const name of Object.keys(entries)) {
      expect(readFileSync(join(outdir, `${name}.mjs`), 'utf8'), name).not.toMatch(/AssumeRoleWithWebIdentity|GetRoleCredentials/);
    }
  });

  it("leaves out the SDK's event-stream codec, which no operation of the service uses (infra/bundling/event-streams.ts)", async () => {
    for (const name of Object.keys(entries)) {
      expect(
        inputsOf[name]?.filter((f) => f.includes('submodules/event-streams')),
        name,
      ).toEqual([]);
    }
    const { EventStreamSerde } = await import('../../infra/bundling/event-streams.ts');
    expect(() => new EventStreamSerde()).toThrow(/not bundled/);
  });
});
