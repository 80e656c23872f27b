import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { routeSpecs } from '../../functions/http/routes.ts';
import type { LocalStack } from '../../functions/local/stack.ts';
import { invoke } from '../../measure/invoke.ts';
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
  /** Medians of all the floor's processes of the run (they are spread over every round). */
  floorImportMs: number;
  floorFirstResponseMs: number;
  importRatio: number;
  ratio: number;
  /** A second request in the same process: the request's own work (its DynamoDB calls) without init. */
  warmMs: number;
  floorWarmMs: number;
  /**
   * First response less the warm request, against the floor's: what being cold costs, net of the
   * request's own work. It differs from `ratio` where a probe's request does more than the floor's
   * one GetItem (DeleteMe: a Query and then a BatchGetItem).
   */
  coldOnlyRatio: number;
  /** Every answer the probes got: status codes; for workers 'done', an outcome ('skipped'), or 'failed'. */
  answered: string;
  samples: number;
}

/**
 * One fresh Node process: import the bundle, serve one request; times are from process start. Then
 * the same request again, timed on its own: what the request costs once the process is warm.
 */
const probe = (file: string, event: unknown) => `
const m = await import(${JSON.stringify(pathToFileURL(file).href)});
const imported = performance.now();
const context = { awsRequestId: 'cold', functionName: 'cold', getRemainingTimeInMillis: () => 3000 };
const res = await m.handler(${JSON.stringify(event)}, context);
const status = res?.statusCode ?? (res?.batchItemFailures?.length ? 'failed' : (res?.outcome ?? 'done'));
const served = performance.now();
await m.handler(${JSON.stringify(event)}, context);
console.log(JSON.stringify({ imported, served, warm: performance.now() - served, status }));
`;

export interface ProbeCaller {
  userId: string;
  email: string;
}

const probeCaller: ProbeCaller = { userId: 'usr_cold', email: 'cold@example.com' };

/**
 * CreateOrg has nothing to refuse after a read, and a real create is a five-item transaction: on
 * DynamoDB Local that alone is ~15 ms in a warm process (the warm column shows it), which is the
 * emulator's write latency, not init. So its probe is a client's retry of a create, which is answered
 * from the idempotency record after one call, like every other probe (the bench stores the record first).
 */
export const CREATE_ORG_PROBE = { key: 'cold-start-probe', body: { name: 'Cold start' } };
const probeHeaders: Record<string, Record<string, string>> = { CreateOrg: { 'idempotency-key': CREATE_ORG_PROBE.key } };

/** Valid bodies, so that no probe is refused by validation before its first DynamoDB call. */
const probeBodies: Record<string, unknown> = {
  CreateOrg: CREATE_ORG_PROBE.body,
  InviteMembers: { emails: 'cold-invitee@example.com' },
  AcceptInvitation: { token: 'x'.repeat(43) },
  DeclineInvitation: { token: 'x'.repeat(43) },
  RequestNewInvitation: { token: 'x'.repeat(43) },
  SetPrimaryContact: { userId: 'x_cold' },
  UpdateMember: { role: 'member' },
  CreateTeam: { name: 'Cold start' },
  RenameTeam: { name: 'Cold start' },
};

/**
 * Worker probes that make their first read: a directly added member's INSERT (the dispatcher reads
 * the org and member, finds neither, sends nothing), a reminder job and a delivery event for an
 * invitation that does not exist. The publisher gets an empty batch: it has no table to read.
 */
const workerEvents: Record<string, unknown> = {
  dispatcher: {
    Records: [
      {
        eventID: 'cold',
        eventName: 'INSERT',
        dynamodb: {
          Keys: { PK: { S: 'ORG#x_cold' }, SK: { S: 'MEMBER#x_cold' } },
          SequenceNumber: '1',
          NewImage: {
            entity: { S: 'member' },
            via: { S: 'direct' },
            orgId: { S: 'x_cold' },
            userId: { S: 'x_cold' },
            email: { S: 'cold@example.com' },
            joinedAt: { S: '2026-01-01T00:00:00.000Z' },
          },
        },
      },
    ],
  },
  reminder: { kind: 'reminder', orgId: 'x_cold', invitationId: 'x_cold' },
  'delivery-events': {
    Records: [
      {
        Sns: {
          MessageId: 'cold',
          Message: JSON.stringify({
            eventType: 'Delivery',
            mail: { messageId: 'cold', tags: { orgId: ['x_cold'], invitationId: ['x_cold'], sendCount: ['1'] } },
            delivery: { timestamp: '2026-01-01T00:00:00.000Z', smtpResponse: '250 ok' },
          }),
        },
      },
    ],
  },
};

/** The one route that reads its input from the query string. */
const probeQueries: Record<string, Record<string, string>> = { PreviewInvitation: { token: 'x'.repeat(43) } };

function eventFor(method: string, path: string, caller: ProbeCaller, body?: unknown, query?: Record<string, string>, headers: Record<string, string> = {}) {
  const rawPath = path.replace(/\{(\w+)\}/g, 'x_cold');
  const params = Object.fromEntries([...path.matchAll(/\{(\w+)\}/g)].map((m) => [m[1], 'x_cold']));
  return {
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath,
    rawQueryString: new URLSearchParams(query).toString(),
    headers: { 'content-type': 'application/json', ...headers },
    ...(query ? { queryStringParameters: query } : {}),
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    ...(Object.keys(params).length ? { pathParameters: params } : {}),
    requestContext: {
      requestId: 'cold',
      http: { method, path: rawPath },
      authorizer: { jwt: { claims: { sub: caller.userId, email: caller.email, email_verified: 'true' }, scopes: [] } },
    },
    isBase64Encoded: false,
  };
}

/** At most this many floor processes per round: one after every ceil(functions / 6)-th function (5 with 37 functions). */
const FLOORS_PER_ROUND = 6;

/**
 * Rounds go over all functions, one process each, with floor processes spread among them
 * (FLOORS_PER_ROUND), and every other round in reverse order. So each function's processes and the floor's
 * are spread alike over the whole run: the time of a fresh process drifts over minutes on this
 * shared two-core machine, and that drift then moves a function's median and the floor's alike. A
 * burst of noise costs every function one sample rather than one function all of them. Each ratio
 * is the function's median over the floor's median of the run: the floor is one program, so pooling
 * its processes measures it far more precisely than the one floor process once run beside each
 * function's process (whose own noise doubled the spread of every ratio: the floor against its
 * neighbours read 0.84-1.12 across runs). `floorDrift` (the floor's first half of the rounds against
 * its second) says how much the machine moved during the run.
 *
 * Every probe makes its first DynamoDB call and is answered after it, so each serves about the
 * floor's work: a resource that does not exist (404), or for routes without one, a caller given in
 * `callers` (DeleteMe's is the last admin of an org: 409 after reading their memberships, a
 * Query and then a BatchGetItem of the orgs). CreateOrg's is a replay (see CREATE_ORG_PROBE).
 */
export async function coldStarts(
  env: Record<string, string>,
  processes: number,
  callers: Record<string, ProbeCaller> = {},
): Promise<{ rows: ColdStartRow[]; samples: Record<string, unknown>; floorDrift: number }> {
  const out = join(root, 'bench/.bundles');
  mkdirSync(out, { recursive: true });
  const floor = { name: 'floor (DynamoDB client + GetItem)', entry: join(root, 'bench/lib/floor.ts'), event: {}, secret: false };
  const targets: { name: string; entry: string; event: unknown; secret: boolean }[] = [
    floor,
    ...[...new Map(routeSpecs.map((r) => [r.entry, r])).values()].map((r) => ({
      name: r.id,
      entry: join(root, 'functions/http', r.entry),
      event: eventFor(r.method, r.path, callers[r.id] ?? probeCaller, probeBodies[r.id], probeQueries[r.id], probeHeaders[r.id]),
      secret: r.access.linkSecret === true,
    })),
    ...['dispatcher', 'reminder', 'delivery-events', 'event-publisher']
      .filter((w) => existsSync(join(root, `functions/workers/${w}.ts`)))
      .map((w) => ({
        name: `worker:${w}`,
        entry: join(root, `functions/workers/${w}.ts`),
        event: workerEvents[w] ?? { Records: [] },
        secret: w === 'dispatcher',
      })),
  ];
  const fileOf = (name: string) => join(out, `${name.replace(/\W+/g, '_')}.mjs`);
  const sizes = new Map<string, { bytes: number; gzip: number }>();
  for (const t of targets) sizes.set(t.name, await bundle(t.entry, fileOf(t.name), t.secret));

  const statuses = new Map<string, Set<string>>();
  /** One fresh process; null if it failed (such a sample is left out and the row shows fewer). */
  // as deployed: a function without the link secret gets neither it nor its ARN
  const envOf = (secret: boolean) => {
    const { LINK_SECRET, ...rest } = env;
    return { ...(secret ? env : rest), PATH: process.env.PATH ?? '' };
  };
  const once = async (name: string, event: unknown, secret: boolean) => {
    // a pause first: DynamoDB Local's JVM finishes what the previous process's request started
    // (JIT, GC) instead of competing with this process's import for the two cores
    await new Promise((r) => setTimeout(r, 30));
    try {
      const { stdout } = await run(process.execPath, ['--input-type=module', '-e', probe(fileOf(name), event)], {
        env: envOf(secret),
        timeout: 20_000,
      });
      const r = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { imported: number; served: number; warm: number; status: number | string };
      statuses.set(name, new Set([...(statuses.get(name) ?? []), String(r.status)]));
      return r;
    } catch {
      return null;
    }
  };
  const functions = targets.filter((t) => t !== floor);
  type Samples = { imported: number[]; served: number[]; warm: number[]; round: number[] };
  const samples = new Map<string, Samples>(targets.map((t) => [t.name, { imported: [], served: [], warm: [], round: [] }]));
  const every = Math.ceil(functions.length / FLOORS_PER_ROUND);
  for (let i = 0; i < processes; i++) {
    const round = functions.flatMap((t, k) => (k % every === Math.floor(every / 2) ? [floor, t] : [t]));
    for (const target of i % 2 === 0 ? round : round.reverse()) {
      const r = await once(target.name, target.event, target.secret);
      if (!r) continue;
      const into = samples.get(target.name) as Samples;
      into.imported.push(r.imported);
      into.served.push(r.served);
      into.warm.push(r.warm);
      into.round.push(i);
    }
  }
  const floors = samples.get(floor.name) as Samples;
  const p50 = (xs: number[]) => summary(xs).p50;
  const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
  const coldOnly = (x: Samples) => p50(x.served.map((v, j) => v - (x.warm[j] ?? 0)));
  const half = (first: boolean) => floors.served.filter((_, j) => (floors.round[j] ?? 0) < processes / 2 === first);
  const rows: ColdStartRow[] = [];
  for (const t of targets) {
    const mine = samples.get(t.name) as Samples;
    const size = sizes.get(t.name) ?? { bytes: 0, gzip: 0 };
    const [imported, served, floorImported, floorServed] = [mine.imported, mine.served, floors.imported, floors.served].map(p50) as [
      number,
      number,
      number,
      number,
    ];
    rows.push({
      function: t.name,
      kB: Math.round(size.bytes / 100) / 10,
      gzipKB: Math.round(size.gzip / 100) / 10,
      importMs: imported,
      firstResponseMs: served,
      floorImportMs: floorImported,
      floorFirstResponseMs: floorServed,
      importRatio: ratio(imported, floorImported),
      ratio: ratio(served, floorServed),
      warmMs: p50(mine.warm),
      floorWarmMs: p50(floors.warm),
      coldOnlyRatio: ratio(coldOnly(mine), coldOnly(floors)),
      answered: [...(statuses.get(t.name) ?? ['failed'])].join(','),
      samples: mine.served.length,
    });
  }
  // every process's times, by function and in round order, for whoever wants another estimator
  return { rows, samples: Object.fromEntries(samples), floorDrift: ratio(p50(half(true)), p50(half(false))) };
}

/**
 * Section 5's stack: the environment the fresh processes get, its pollers stopped, and the probes'
 * preconditions (an org whose last admin DeleteMe's probe is, and the create CreateOrg's probe replays).
 */
export async function coldStartStack(coldStack: LocalStack) {
  const env = {
    TABLE_NAME: coldStack.runtime.table.name,
    AWS_REGION: 'us-east-1',
    DYNAMODB_ENDPOINT: coldStack.runtime.config.DYNAMODB_ENDPOINT ?? '',
    SES_ENDPOINT: coldStack.ses.endpoint,
    LINK_SECRET: 'b'.repeat(43),
    LOG_LEVEL: 'silent',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_SDK_JS_SUPPRESS_NODE_DEPRECATION_WARNING: '1',
    EVENT_BUS_NAME: 'bench-bus',
    // the dispatcher builds its Scheduler client at first use; the probe schedules nothing, so these are never called
    SCHEDULE_GROUP: 'bench',
    REMINDER_TARGET_ARN: 'arn:aws:lambda:us-east-1:000000000000:function:bench',
    SCHEDULER_ROLE_ARN: 'arn:aws:iam::000000000000:role/bench',
  };
  await coldStack.poller.stop();
  await coldStack.scheduler.stop();
  const lastAdmin = { userId: 'usr_cold_admin', email: 'cold-admin@example.com' };
  await invoke('POST', '/orgs', { caller: lastAdmin, body: { name: 'Cold start' } });
  // the create that CreateOrg's probe retries; its caller is not the one whose orgs ListMyOrganizations lists
  const creator = { userId: 'usr_cold_creator', email: 'cold-creator@example.com' };
  await invoke('POST', '/orgs', { caller: creator, body: CREATE_ORG_PROBE.body, headers: { 'idempotency-key': CREATE_ORG_PROBE.key } });
  return { env, lastAdmin, creator };
}
