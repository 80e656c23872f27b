import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { startLocalStack } from '../../functions/local/stack.ts';
import { baseRuntime } from '../../functions/runtime.ts';
import { seedMembers } from '../../measure/seed.ts';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.ts';
import { keys } from '../../shared/db/table.ts';
import { changePlan } from '../../shared/domain/orgs/change-plan.ts';

interface Window {
  calls: Map<string, number>;
  capacity: number;
}

/**
 * Deleting a large org (issue 23 §1): `members` members seeded straight into the org's partition (as
 * the console bench seeds them), then `DELETE /orgs/{orgId}` over HTTP on a stack of its own, and the
 * cleanup the stream dispatcher runs from the tombstone's record. Reports the time until the org
 * answers 404, the time until the cleanup is done (the tombstone has left the unfinished deletions,
 * AP20), its rounds, and every DynamoDB call of the table's client from the DELETE until then (the
 * request's, the dispatcher's; the bench's own polling goes through another client) with the
 * capacity DynamoDB Local reports for them.
 */
export async function orgDeletionBench(members: number) {
  const stack = await startLocalStack({ logLevel: 'silent', periodicJobs: false });
  const { doc, name } = stack.runtime.table;
  const { config } = baseRuntime();
  // the bench's own polling, apart from the client whose calls are counted
  const probe = createDocumentClient({ region: config.AWS_REGION, ...(config.DYNAMODB_ENDPOINT ? { endpoint: config.DYNAMODB_ENDPOINT } : {}) });
  let window: Window | null = null;
  doc.middlewareStack.add(
    (next, ctx) => async (args) => {
      const w = window;
      if (!w) return next(args);
      (args.input as Record<string, unknown>).ReturnConsumedCapacity = 'TOTAL';
      const command = String(ctx.commandName).replace(/Command$/, '');
      w.calls.set(command, (w.calls.get(command) ?? 0) + 1);
      const out = await next(args);
      const c = (out.output as { ConsumedCapacity?: unknown }).ConsumedCapacity;
      for (const x of Array.isArray(c) ? c : c ? [c] : []) w.capacity += (x as { CapacityUnits?: number }).CapacityUnits ?? 0;
      return out;
    },
    { step: 'initialize', name: 'benchDeletionCalls', priority: 'high' },
  );
  try {
    const admin = await stack.issuer.issue({ email: 'delete-bench-admin@example.com', name: 'Ada Admin' });
    const http = async (method: string, path: string, body?: unknown) => {
      const r = await fetch(`${stack.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      const text = await r.text();
      return { status: r.status, body: text ? JSON.parse(text) : undefined };
    };
    const orgName = `Delete Bench ${members}`;
    const org = (await http('POST', '/orgs', { name: orgName })).body.org;
    const orgId = org.orgId as string;
    await changePlan(stack.runtime.deps, { orgId, plan: 'enterprise', operator: 'bench' });
    const me = (await http('GET', `/orgs/${orgId}/members?limit=1`)).body.items[0];

    const seedStart = Date.now();
    await seedMembers(stack, orgId, members, { userId: me.userId, name: me.name });
    // the seeded items' stream records reach the dispatcher first: the deletion is timed on a quiet stack
    await stack.settle();
    const seedMs = Date.now() - seedStart;

    window = { calls: new Map(), capacity: 0 };
    const t0 = performance.now();
    const deleted = await http('DELETE', `/orgs/${orgId}`, { confirm: orgName });
    if (deleted.status !== 204) throw new Error(`DELETE answered ${deleted.status} ${JSON.stringify(deleted.body)}`);
    const deleteMs = performance.now() - t0;
    const gone = await http('GET', `/orgs/${orgId}`);
    const to404Ms = performance.now() - t0;
    if (gone.status !== 404) throw new Error(`GET after DELETE answered ${gone.status}`);
    const requestCalls = [...window.calls.values()].reduce((a, b) => a + b, 0);

    // done: the cleanup's last step removes the tombstone's AP20 keys (cleanup-deleted-org.ts)
    let tombstone: Record<string, unknown> | undefined;
    for (;;) {
      tombstone = (await probe.send(new GetCommand({ TableName: name, Key: keys.org(orgId), ConsistentRead: true }))).Item;
      if (tombstone && tombstone.GSI1PK === undefined) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const cleanupMs = performance.now() - t0;
    const w = window as Window;
    window = null;
    const calls = Object.fromEntries([...w.calls.entries()].sort());
    const roundTrips = [...w.calls.values()].reduce((a, b) => a + b, 0);
    return {
      members,
      itemsInPartition: 2 * members + 1,
      seedSeconds: Math.round(seedMs / 100) / 10,
      deleteRequestMs: Math.round(deleteMs),
      to404Ms: Math.round(to404Ms),
      requestRoundTrips: requestCalls,
      cleanupSeconds: Math.round(cleanupMs / 100) / 10,
      /** Rounds that ran out of their 20 s and asked for the next (the dispatcher's slices). */
      continuedRounds: Number(tombstone?.cleanupRounds ?? 0),
      roundTrips,
      calls,
      capacityUnits: Math.round(w.capacity),
    };
  } finally {
    probe.destroy();
    await stack.stop();
  }
}

/** Section 10 of the bench: each size on a stack of its own, one line per size as it ends, then the table. */
export async function orgDeletionSection(sizes: number[]) {
  const rows = [];
  for (const members of sizes) {
    const r = await orgDeletionBench(members);
    process.stdout.write(`${JSON.stringify(r)}\n`);
    rows.push(r);
  }
  console.table(rows.map(({ calls: _calls, ...r }) => r));
  return rows;
}
