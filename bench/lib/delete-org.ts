import type { LocalStack } from '../../functions/local/stack.ts';
import { cleanupDeps } from '../../functions/workers/worker-runtime.ts';
import { measure } from '../../measure/instrument.ts';
import { seedMembers } from '../../measure/seed.ts';
import { queryAll } from '../../shared/adapters/dynamodb/query-all.ts';
import { keys } from '../../shared/db/table.ts';
import { cleanupDeletedOrg } from '../../shared/domain/orgs/cleanup-deleted-org.ts';

/**
 * DELETE /orgs/{orgId} on an org of `members` members (seeded straight into the table, with their
 * email claims) and `pending` pending invitations (invited through the API, their schedules created
 * by the stack's dispatcher), then its cleanup run to the end in one go, as the dispatcher runs it
 * (without the 20 s slices, so the whole is measured). The stack's stream poller is stopped meanwhile,
 * so the dispatcher does not clean up at the same time.
 */
export async function deleteOrgBench(stack: LocalStack, o: { members: number; pending: number }) {
  const admin = await stack.issuer.issue({ email: `del.${Date.now()}@bench.example.com`, name: 'Del' });
  const api = async (method: string, path: string, body?: unknown) => {
    const r = await fetch(`${stack.url}${path}`, {
      method, headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await r.text();
    return { status: r.status, body: (text ? JSON.parse(text) : undefined) as any };
  };
  const created = await api('POST', '/orgs', { name: 'Doomed' });
  if (created.status !== 201) throw new Error(`create org: ${created.status} ${JSON.stringify(created.body)}`);
  const orgId = String(created.body.org.orgId);
  await seedMembers(stack, orgId, o.members, { userId: String(created.body.org.primaryContactUserId ?? 'usr_del'), name: 'Del' });
  for (let i = 0; i < o.pending; i += 1000) {
    const emails = Array.from({ length: Math.min(1000, o.pending - i) }, (_, j) => `p${i + j}.${orgId.slice(-6)}@bench.example.com`.toLowerCase());
    const r = await api('POST', `/orgs/${orgId}/invitations`, { emails, sendEmail: false });
    if (r.status !== 201) throw new Error(`invite: ${r.status}`);
  }
  await stack.settle();
  const { doc, name } = stack.runtime.table;
  const countOf = async () => (await queryAll(doc, { TableName: name, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.org(orgId).PK }, ProjectionExpression: 'PK' })).length;
  const itemsBefore = await countOf();
  await stack.poller.stop();
  try {
    const t0 = performance.now();
    const del = await api('DELETE', `/orgs/${orgId}`, { confirm: 'Doomed' });
    const deleteMs = performance.now() - t0;
    let cancels = 0;
    const deps = cleanupDeps();
    const counted = { ...deps, scheduler: { cancel: (n: string) => { cancels++; return deps.scheduler.cancel(n); } } };
    const t1 = performance.now();
    const run = await measure(() => cleanupDeletedOrg(counted, orgId, Number.POSITIVE_INFINITY));
    const cleanupMs = performance.now() - t1;
    // the local scheduler keeps its schedules in the table: its calls are Scheduler API calls in AWS, not the cleanup's DynamoDB work
    const local = (c: { input: Record<string, unknown> }) => JSON.stringify(c.input).includes('LOCALSCHEDULE');
    const dynamo = run.calls.filter((c) => !local(c));
    const byCommand: Record<string, number> = {};
    for (const c of dynamo) byCommand[c.command.replace(/Command$/, '')] = (byCommand[c.command.replace(/Command$/, '')] ?? 0) + 1;
    return {
      members: o.members, pending: o.pending, itemsBefore, itemsAfter: await countOf(),
      deleteStatus: del.status, deleteMsOverHttp: Math.round(deleteMs),
      cleanupSeconds: Math.round(cleanupMs / 100) / 10, removed: run.result.removed, cleanupRoundTrips: dynamo.length, byCommand,
      schedulerCancels: cancels,
    };
  } finally {
    await stack.poller.start();
  }
}
