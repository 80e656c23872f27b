import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { routes } from '../../functions/http/routes.ts';
import { bundle } from './bundle.ts';
import { summary } from './stats.ts';

const run = promisify(execFile);
const root = join(fileURLToPath(new URL('.', import.meta.url)), '../..');

export interface ColdStartRow {
  function: string;
  /** Decimal kilobytes (1 kB = 1000 bytes), the unit of the 400 KB target. */
  kB: number;
  gzipKB: number;
  importMs: number;
  firstResponseMs: number;
  ratio: number;
}

/** One fresh Node process: import the bundle, serve one request; times are from process start. */
const probe = (file: string, event: unknown) => `
const m = await import(${JSON.stringify(pathToFileURL(file).href)});
const imported = performance.now();
await m.handler(${JSON.stringify(event)}, { awsRequestId: 'cold', functionName: 'cold', getRemainingTimeInMillis: () => 3000 });
console.log(JSON.stringify({ imported, served: performance.now() }));
`;

function eventFor(method: string, path: string) {
  const rawPath = path.replace(/\{(\w+)\}/g, 'x_cold');
  const params = Object.fromEntries([...path.matchAll(/\{(\w+)\}/g)].map((m) => [m[1], 'x_cold']));
  return {
    version: '2.0', routeKey: `${method} ${path}`, rawPath, rawQueryString: '', headers: { 'content-type': 'application/json' },
    ...(Object.keys(params).length ? { pathParameters: params } : {}),
    requestContext: {
      requestId: 'cold', http: { method, path: rawPath },
      authorizer: { jwt: { claims: { sub: 'usr_cold', email: 'cold@example.com', email_verified: 'true' }, scopes: [] } },
    },
    isBase64Encoded: false,
  };
}

export async function coldStarts(env: Record<string, string>, processes: number): Promise<ColdStartRow[]> {
  const out = join(root, 'bench/.bundles');
  mkdirSync(out, { recursive: true });
  const targets: { name: string; entry: string; event: unknown; secret: boolean }[] = [
    { name: 'floor (DynamoDB client + GetItem)', entry: join(root, 'bench/lib/floor.ts'), event: {}, secret: false },
    ...[...new Map(routes.map((r) => [r.entry, r])).values()].map((r) => ({
      name: r.id, entry: join(root, 'functions/http', r.entry), event: eventFor(r.method, r.path), secret: true,
    })),
    ...['dispatcher', 'reminder', 'delivery-events', 'event-publisher']
      .filter((w) => existsSync(join(root, `functions/workers/${w}.ts`)))
      .map((w) => ({ name: `worker:${w}`, entry: join(root, `functions/workers/${w}.ts`), event: w === 'reminder' ? { kind: 'none' } : { Records: [] }, secret: w !== 'event-publisher' })),
  ];
  const rows: ColdStartRow[] = [];
  let floor = 0;
  for (const t of targets) {
    const file = join(out, `${t.name.replace(/\W+/g, '_')}.mjs`);
    const size = await bundle(t.entry, file, t.secret);
    const imported: number[] = [];
    const served: number[] = [];
    for (let i = 0; i < processes; i++) {
      try {
        const { stdout } = await run(process.execPath, ['--input-type=module', '-e', probe(file, t.event)], {
          env: { ...env, PATH: process.env.PATH ?? '' }, timeout: 20_000,
        });
        const line = stdout.trim().split('\n').pop() ?? '{}';
        const r = JSON.parse(line) as { imported: number; served: number };
        imported.push(r.imported);
        served.push(r.served);
      } catch {
        // a worker that rejects the synthetic event still counts its import; the served time is then unknown
      }
    }
    const first = summary(served).p50;
    if (rows.length === 0) floor = first;
    rows.push({
      function: t.name, kB: Math.round(size.bytes / 100) / 10, gzipKB: Math.round(size.gzip / 100) / 10,
      importMs: summary(imported).p50, firstResponseMs: first, ratio: Math.round((first / floor) * 100) / 100,
    });
  }
  return rows;
}
