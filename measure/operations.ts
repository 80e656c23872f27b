import { runtime } from '../functions/local/deps.ts';
import type { LocalStack } from '../functions/local/stack.ts';
import { changePlan } from '../shared/domain/orgs/change-plan.ts';
import { instrument, measure, summarize } from './instrument.ts';
import { type Caller, hasRoute, invoke } from './invoke.ts';

export interface OperationCost {
  operation: string;
  status: number;
  roundTrips: number;
  capacity: number;
  awsWriteUnits: number;
  commands: string[];
  scans: number;
}

const person = (name: string, n: number | string): Caller => ({
  userId: `usr_bench_${name}_${n}`,
  email: `${name}${n}@bench.example.com`,
  name: `${name} ${n}`,
});

/**
 * Runs each API operation once, through its real handler, and records the DynamoDB calls it made
 * and the capacity they consumed. Deterministic: the same code gives the same counts on any machine.
 */
export async function measureOperations(stack: LocalStack): Promise<OperationCost[]> {
  const { deps, table } = stack.runtime;
  instrument(table.doc);
  const rows: OperationCost[] = [];
  const op = async (operation: string, fn: () => Promise<{ status: number; body: any }>) => {
    const { result, calls } = await measure(fn);
    if (result.status >= 300 || result.status === 207) process.stderr.write(`${operation}: ${JSON.stringify(result.body)}\n`);
    rows.push({ operation, status: result.status, ...summarize(calls) });
    return result;
  };
  const admin = person('admin', Date.now());

  const created = await op('create org', () => invoke('POST', '/orgs', { caller: admin, body: { name: 'Bench' } }));
  const orgId = created.body.org.orgId as string;
  // the plan is the operator's (scripts/set-plan.ts); not a measured operation
  await changePlan(runtime().deps, { orgId, plan: 'enterprise', operator: 'bench' });
  const params = { orgId };

  const one = await op('invite 1', () => invoke('POST', '/orgs/{orgId}/invitations', { caller: admin, params, body: { emails: person('one', 0).email } }));
  const emails = (n: number, tag: string) => Array.from({ length: n }, (_, i) => person(tag, i).email).join('\n');
  await op('invite 100 (one request)', () => invoke('POST', '/orgs/{orgId}/invitations', { caller: admin, params, body: { emails: emails(100, 'hundred') } }));
  // counted, not timed here: a loaded test machine may need longer than API Gateway's 29 s
  await op('invite 1000 (one request)', () =>
    invoke('POST', '/orgs/{orgId}/invitations', { caller: admin, params, body: { emails: emails(1000, 'thousand') }, timeoutMs: 300_000 }),
  );

  const invitationId = one.body.results[0].invitationId as string;
  const inv = await deps.invitations.get(orgId, invitationId);
  if (!inv) throw new Error('invitation not found after invite');
  const token = deps.links.tokenFor(inv);
  await op('preview', () => invoke('GET', '/invitations/preview', { query: { token } }));
  const invitee = person('one', 0);
  await op('accept', () => invoke('POST', '/invitations/accept', { caller: invitee, body: { token } }));

  const other = (await deps.invitations.list(orgId, { email: person('hundred', 1).email }, new Date().toISOString(), { limit: 1 })).items[0];
  if (!other) throw new Error('second invitation not found');
  stack.clock.setOffsetSeconds(61); // past the 60-second resend throttle
  await op('resend', () =>
    invoke('POST', '/orgs/{orgId}/invitations/{invitationId}/resend', { caller: admin, params: { orgId, invitationId: other.invitationId } }),
  );
  stack.clock.setOffsetSeconds(0);
  await op('revoke', () =>
    invoke('POST', '/orgs/{orgId}/invitations/{invitationId}/revoke', { caller: admin, params: { orgId, invitationId: other.invitationId } }),
  );
  await op('list pending (50)', () => invoke('GET', '/orgs/{orgId}/invitations', { caller: admin, params, query: { status: 'pending', limit: '50' } }));

  if (hasRoute('GET', '/orgs/{orgId}/members')) {
    await op('members list', () => invoke('GET', '/orgs/{orgId}/members', { caller: admin, params, query: { limit: '50' } }));
  }
  if (hasRoute('PATCH', '/orgs/{orgId}/members/{userId}')) {
    await op('role change', () =>
      invoke('PATCH', '/orgs/{orgId}/members/{userId}', { caller: admin, params: { orgId, userId: invitee.userId }, body: { role: 'viewer' } }),
    );
  }
  if (hasRoute('GET', '/orgs/{orgId}/audit')) {
    await op('audit page (50)', () => invoke('GET', '/orgs/{orgId}/audit', { caller: admin, params, query: { limit: '50' } }));
  }
  return rows;
}
