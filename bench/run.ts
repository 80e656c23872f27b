/**
 * `npm run bench` (quick) or `npm run bench -- --full`: what each operation costs, on the local stack
 * (real handlers, DynamoDB Local, local SES). Prints tables and writes bench/results/<date>.json.
 * Nothing here is a test: it never fails on speed. See docs/performance.md for the method.
 */
import { randomBytes } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { runtime } from '../functions/local/deps.ts';
import { startDynamoLocal } from '../functions/local/dynamodb-local.ts';
import { type LocalStack, startLocalStack } from '../functions/local/stack.ts';
import { instrument, measure } from '../measure/instrument.ts';
import { type Caller, hasRoute, invoke } from '../measure/invoke.ts';
import { measureOperations } from '../measure/operations.ts';
import { PARALLEL_TRANSACTIONS } from '../shared/adapters/dynamodb/invitation-creation.ts';
import { changePlan } from '../shared/domain/orgs/change-plan.ts';
import { costModel } from './cost.ts';
import { coldStartStack, coldStarts } from './lib/cold-start.ts';
import { consoleBench } from './lib/console.ts';
import { emulatorCosts } from './lib/emulator.ts';
import { markdownTable } from './lib/markdown.ts';
import { orgDeletionSection } from './lib/org-deletion.ts';
import { prepareBulkReplay, prepareReplay } from './lib/replay.ts';
import { writeResults } from './lib/results.ts';
import { alternating, ms, summary } from './lib/stats.ts';
import { webBench } from './lib/web.ts';

const full = process.argv.includes('--full');
const onlyArg = process.argv.find((a) => a.startsWith('--only='));
const only = onlyArg ? new Set(onlyArg.slice(7).split(',')) : null;
const want = (s: string) => !only || only.has(s);
const procArg = process.argv.find((a) => a.startsWith('--processes='));
const n = {
  console: full ? 20 : 8,
  web: full ? 40 : 15,
  overhead: full ? 200 : 40,
  load: full ? 600 : 160,
  bulk: full ? 5 : 3,
  cold: procArg ? Number(procArg.slice(12)) : full ? 40 : 30,
};

const stack = await startLocalStack({ logLevel: 'silent' });
const { deps, table } = stack.runtime;
instrument(table.doc);
const results: Record<string, unknown> = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, model: cpus()[0]?.model, memGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
  mode: full ? 'full' : 'quick',
};
const section = (title: string) => process.stdout.write(`\n## ${title}\n`);
let people = 0;
const person = (tag: string): Caller => {
  people++;
  return { userId: `usr_b${tag}${people}`, email: `${tag}${people}.${randomBytes(3).toString('hex')}@bench.example.com`, name: `P ${people}` };
};

async function enterpriseOrg() {
  const admin = person('admin');
  const org = (await invoke('POST', '/orgs', { caller: admin, body: { name: 'Bench' } })).body.org;
  // the plan is the operator's: set the way scripts/set-plan.ts sets it
  await changePlan(runtime().deps, { orgId: org.orgId, plan: 'enterprise', operator: 'bench' });
  return { admin, orgId: org.orgId as string };
}

/** Invites `count` people in one request and returns them with their link tokens (not timed). */
async function pendingInvitees(orgId: string, admin: Caller, count: number, tag: string) {
  const people = Array.from({ length: count }, () => person(tag));
  const r = await invoke('POST', '/orgs/{orgId}/invitations', {
    caller: admin,
    params: { orgId },
    body: { emails: people.map((p) => p.email), sendEmail: false },
  });
  return Promise.all(
    people.map(async (p, i) => {
      const inv = await deps.invitations.get(orgId, r.body.results[i].invitationId);
      if (!inv) throw new Error('invitation missing');
      return { ...p, invitationId: inv.invitationId, tokenHash: inv.tokenHash, token: deps.links.tokenFor(inv) };
    }),
  );
}

/** Section 5 on a stack of its own: the probes' preconditions, then the fresh processes. */
async function coldStartSection(coldStack: LocalStack) {
  const { env, lastAdmin, creator } = await coldStartStack(coldStack);
  const { rows, samples, floorDrift } = await coldStarts(env, n.cold, { DeleteMe: lastAdmin, CreateOrg: creator });
  console.table(rows);
  process.stdout.write(`floor drift (its first half of the rounds against its second): ${floorDrift}\n`);
  results.coldStart = rows;
  results.coldStartFloorDrift = floorDrift;
  results.coldStartSamples = samples;
}

try {
  if (want('roundtrips')) {
    section('1. DynamoDB round trips and consumed capacity per operation (one request each)');
    const rows = await measureOperations(stack);
    console.table(rows.map(({ commands, ...r }) => ({ ...r, calls: commands.join(' ') })));
    results.roundTrips = rows;
  }

  if (want('overhead')) {
    section(`2. Handler overhead: full handler vs. the same DynamoDB calls sent directly (${n.overhead} alternating samples each)`);
    const { admin, orgId } = await enterpriseOrg();
    const ratios: Record<string, unknown>[] = [];
    const compare = async (operation: string, fullRun: (i: number) => Promise<void>, baseRun: (i: number) => Promise<void>) => {
      ratios.push({ operation, ...(await alternating(n.overhead, fullRun, baseRun)) });
    };

    // invite 1
    const ref = person('ref');
    const cap = await measure(() => invoke('POST', '/orgs/{orgId}/invitations', { caller: admin, params: { orgId }, body: { emails: ref.email } }));
    const refInv = await deps.invitations.get(orgId, cap.result.body.results[0].invitationId);
    await compare(
      'invite 1',
      async () => {
        await invoke('POST', '/orgs/{orgId}/invitations', { caller: admin, params: { orgId }, body: { emails: person('ovf').email } });
      },
      async () => {
        const p = person('ovb');
        await prepareReplay(
          cap.calls,
          new Map([
            [ref.email, p.email],
            [refInv?.tokenHash ?? '-', randomBytes(32).toString('base64url')],
            [refInv?.linkNonce ?? '-', randomBytes(32).toString('base64url')],
          ]),
        )(table.doc);
      },
    );

    // accept
    const invitees = await pendingInvitees(orgId, admin, 2 * n.overhead + 1, 'acc');
    const [r0, ...rest] = invitees;
    if (!r0) throw new Error('no invitees');
    const capAccept = await measure(() => invoke('POST', '/invitations/accept', { caller: r0, body: { token: r0.token } }));
    await compare(
      'accept',
      async (i) => {
        const p = rest[i]!;
        await invoke('POST', '/invitations/accept', { caller: p, body: { token: p.token } });
      },
      async (i) => {
        const p = rest[n.overhead + i]!;
        await prepareReplay(
          capAccept.calls,
          new Map([
            [r0.invitationId, p.invitationId],
            [r0.tokenHash, p.tokenHash],
            [r0.email, p.email],
            [r0.userId, p.userId],
          ]),
        )(table.doc);
      },
    );

    // role change: on members who joined above (accepted ones are rest[0..n) plus r0)
    if (hasRoute('PATCH', '/orgs/{orgId}/members/{userId}')) {
      const joined = [r0, ...rest.slice(0, n.overhead)];
      const targets = await pendingInvitees(orgId, admin, n.overhead, 'rc');
      for (const t of targets) await invoke('POST', '/invitations/accept', { caller: t, body: { token: t.token } });
      const capRole = await measure(() =>
        invoke('PATCH', '/orgs/{orgId}/members/{userId}', { caller: admin, params: { orgId, userId: r0.userId }, body: { role: 'viewer' } }),
      );
      if (capRole.result.status !== 200) throw new Error(`role change failed: ${JSON.stringify(capRole.result.body)}`);
      await compare(
        'role change',
        async (i) => {
          await invoke('PATCH', '/orgs/{orgId}/members/{userId}', {
            caller: admin,
            params: { orgId, userId: joined[i + 1]!.userId },
            body: { role: 'viewer' },
          });
        },
        async (i) => {
          const p = targets[i]!;
          await prepareReplay(
            capRole.calls,
            new Map([
              [r0.userId, p.userId],
              [r0.email, p.email],
            ]),
          )(table.doc);
        },
      );
    }
    console.table(ratios);
    results.overhead = ratios;
  }

  if (want('load')) {
    section(`3. Latency and throughput over HTTP (${n.load} requests per cell)`);
    const { admin, orgId } = await enterpriseOrg();
    const adminToken = (await stack.issuer.issue({ email: admin.email, userId: admin.userId, name: 'Admin' })).token;
    const rows: Record<string, unknown>[] = [];
    const http = (method: string, path: string, token: string, body?: unknown) =>
      fetch(`${stack.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    for (const concurrency of [1, 8, 32]) {
      const invitees = await pendingInvitees(orgId, admin, n.load, `ld${concurrency}`);
      const tokens = await Promise.all(invitees.map((p) => stack.issuer.issue({ email: p.email, userId: p.userId })));
      const ops: [string, (i: number) => Promise<Response>][] = [
        ['invite 1', () => http('POST', `/orgs/${orgId}/invitations`, adminToken, { emails: person('li').email, sendEmail: false })],
        ['accept', (i) => http('POST', '/invitations/accept', tokens[i]!.token, { token: invitees[i]!.token })],
        ['list pending (50)', () => http('GET', `/orgs/${orgId}/invitations?status=pending&limit=50`, adminToken)],
      ];
      for (const [name, call] of ops) {
        const lat: number[] = [];
        let errors = 0;
        let next = 0;
        const t0 = process.hrtime.bigint();
        await Promise.all(
          Array.from({ length: concurrency }, async () => {
            while (next < n.load) {
              const i = next++;
              const t = process.hrtime.bigint();
              const res = await call(i);
              await res.arrayBuffer();
              lat.push(ms(t));
              if (res.status >= 400) errors++;
            }
          }),
        );
        const total = ms(t0);
        const s = summary(lat);
        rows.push({ operation: name, concurrency, p50: s.p50, p95: s.p95, p99: s.p99, rps: Math.round((n.load / total) * 1000), errors });
      }
    }
    console.table(rows);
    results.load = rows;
  }

  if (want('bulk')) {
    section('4. Bulk: one request inviting 1000 addresses, and the same writes sent straight through the SDK');
    const newDomain = () => `bulk${randomBytes(3).toString('hex')}.example.com`;
    const bulkEmails = (domain: string) => Array.from({ length: 1000 }, (_, i) => `p${i}@${domain}`).join('\n');
    const bulkInvite = async () => {
      const { admin, orgId } = await enterpriseOrg();
      const token = (await stack.issuer.issue({ email: admin.email, userId: admin.userId })).token;
      const domain = newDomain();
      const emails = bulkEmails(domain);
      await stack.settle();
      const t0 = process.hrtime.bigint();
      const res = await fetch(`${stack.url}/orgs/${orgId}/invitations`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ emails }),
      });
      await res.arrayBuffer();
      return { res, t0, domain, requestMs: ms(t0) };
    };
    // DynamoDB Local is a JVM: until its JIT has compiled the transaction path, a 100-item
    // transaction takes several times longer. One untimed bulk invite (and its emails) first, so
    // `--only=bulk` measures the same warm emulator as a whole run; it also records the calls the
    // floor replays. The floor: the same BatchGetItem, counter reservation and chunk transactions,
    // sent straight through the SDK as the store sends them (into a new org, for new addresses).
    const ref = await enterpriseOrg();
    const refDomain = newDomain();
    const t0 = process.hrtime.bigint();
    const captured = await measure(() =>
      invoke('POST', '/orgs/{orgId}/invitations', { caller: ref.admin, params: { orgId: ref.orgId }, body: { emails: bulkEmails(refDomain) } }),
    );
    process.stdout.write(
      `(warm-up bulk invite, not counted: ${Math.round(ms(t0))} ms, status ${captured.result.status}, ${captured.calls.length} DynamoDB calls)\n`,
    );
    const floor = async () => {
      const { orgId } = await enterpriseOrg();
      const replay = prepareBulkReplay(
        captured.calls,
        new Map([
          [ref.orgId, orgId],
          [refDomain, newDomain()],
        ]),
        PARALLEL_TRANSACTIONS,
      );
      await stack.settle();
      const t = process.hrtime.bigint();
      await replay(table.doc);
      return ms(t);
    };
    await stack.settle();
    const runs: { status: number; requestMs: number; floorMs: number; allEmailsDispatchedMs: number; emailsSent: number }[] = [];
    for (let i = 0; i < n.bulk; i++) {
      // alternate which goes first, so a drift in the machine's speed over the section favours neither
      const floorBefore = i % 2 === 1 ? await floor() : undefined;
      const { res, t0, domain, requestMs } = await bulkInvite();
      let sent = 0;
      while (sent < 1000 && ms(t0) < 180_000) {
        await new Promise((r) => setTimeout(r, 200));
        sent = (await stack.ses.emails()).filter((m) => m.to.endsWith(`@${domain}`)).length;
      }
      const allEmailsDispatchedMs = Math.round(ms(t0));
      const floorMs = floorBefore ?? (await floor());
      runs.push({ status: res.status, requestMs: Math.round(requestMs), floorMs: Math.round(floorMs), allEmailsDispatchedMs, emailsSent: sent });
    }
    console.table(runs);
    const request = summary(runs.map((r) => r.requestMs));
    const direct = summary(runs.map((r) => r.floorMs));
    const row = {
      runs: runs.length,
      statuses: [...new Set(runs.map((r) => r.status))].join(','),
      requestMsP50: request.p50,
      requestMsMax: Math.max(...runs.map((r) => r.requestMs)),
      floorMsP50: direct.p50,
      ratioP50: +(request.p50 / direct.p50).toFixed(2),
      allEmailsDispatchedMsP50: summary(runs.map((r) => r.allEmailsDispatchedMs)).p50,
      allEmailsDispatchedMsMax: Math.max(...runs.map((r) => r.allEmailsDispatchedMs)),
      emailsSentMin: Math.min(...runs.map((r) => r.emailsSent)),
    };
    console.table([row]);
    results.bulk = row;
    results.bulkRuns = runs;
  }

  // Sections 4b and 5 time an emulator and fresh processes: the stream poller (still emailing the bulk
  // section's invitations, and its floor's) and the scheduler would only add noise. Nothing is
  // dispatched from here on.
  let quiet: Promise<void> | undefined;
  const quiesce = () =>
    (quiet ??= (async () => {
      await stack.poller.stop();
      await stack.scheduler.stop();
    })());

  if (want('emulator')) {
    await quiesce();
    section('4b. DynamoDB Local itself: milliseconds per 1000 items written (the bound of section 4 on this machine)');
    // an instance of its own: after section 4's 11,000 invitations the stack's emulator made these
    // calls wait on its lock until they timed out, whatever was still running
    const own = await startDynamoLocal();
    let rows: Record<string, unknown>[];
    try {
      rows = await emulatorCosts(own.endpoint, full ? 4000 : 2000, full ? 3 : 2);
    } finally {
      await own.stop();
    }
    console.table(rows);
    results.emulator = rows;
  }

  if (want('cold')) {
    section(`5. Cold start: bundle size and init time, ${n.cold} fresh Node processes per function (ratio vs. the floor)`);
    // A stack of its own, like 4b: after the sections above, the stack's emulator holds 11,000
    // invitations and answers with garbage-collection pauses, noise that a probe's one request
    // would add to whichever function it happened to hit. Installing it makes `invoke` use it.
    await stack.stop();
    const coldStack = await startLocalStack({ logLevel: 'silent' });
    try {
      await coldStartSection(coldStack);
    } finally {
      await coldStack.stop();
    }
  }
} finally {
  await stack.stop();
}

if (want('cost')) {
  section('6. What a deployment costs (writes docs/cost.md)');
  const report = await costModel();
  process.stdout.write(
    `${report
      .split('\n## ')
      .slice(1, 3)
      .map((s) => `## ${s}`)
      .join('\n')}\n`,
  );
}

// not in a plain run: seeding 10,000 members takes a minute; ask for it with --only=console
if (only?.has('console')) {
  section(
    `8. Admin console at scale: 10,000 members and 1,000 pending invitations, headless Chromium, ${n.console} rounds vs. the API call alone and vs. a minimal page making the same calls`,
  );
  const r = await consoleBench(n.console, { members: 10_000, pending: 1_000 });
  process.stdout.write(`org: ${JSON.stringify(r.org)}\n`);
  console.table(r.rows);
  results.console = r;
}

// not in a plain run: seeding takes minutes; ask for it with --only=delete-org (sizes: --members=10000,30000)
if (only?.has('delete-org')) {
  const sizes = (process.argv.find((a) => a.startsWith('--members='))?.slice(10) ?? '100000').split(',').map(Number);
  section(`10. Deleting an org: ${sizes.join(', ')} members seeded, DELETE over HTTP, the cleanup by the stream dispatcher (a stack of its own)`);
  results.orgDeletion = await orgDeletionSection(sizes);
}

if (want('web')) {
  section(`7. Web app: what the accept page downloads (gzipped) and time to the preview in headless Chromium, ${n.web} rounds vs. a static floor page`);
  const w = await webBench(n.web);
  process.stdout.write(
    `${markdownTable(w.sizes)}\n\nBefore sign-in: JavaScript ${w.totals.js_gzip_kB} kB gzipped, everything ${w.totals.all_gzip_kB} kB; with the sign-in library ${w.totals.js_with_sign_in_gzip_kB} kB of JavaScript\n\n${markdownTable(w.timing)}\n`,
  );
  results.webSizes = w.sizes;
  results.webTotals = w.totals;
  results.webTiming = w.timing;
}

writeResults(results);
