import { describe, expect, it } from 'vitest';
import { instrument, measure } from '../../bench/lib/instrument.ts';
import { invoke } from '../../bench/lib/invoke.ts';
import { measureOperations, type OperationCost } from '../../bench/lib/operations.ts';
import { useStack } from '../helpers/stack.ts';

const api = useStack();

/**
 * The access-pattern budget per operation (docs/performance.md). Counted with SDK middleware on the
 * real client against DynamoDB Local; a change that adds a read or a write to a hot path fails here.
 */
const budget: Record<string, number> = {
  'create org': 1,
  'invite 1': 2,
  'invite 100 (one request)': 6,
  'invite 1000 (one request)': 42,
  preview: 1,
  accept: 2,
  resend: 2,
  revoke: 2,
  'list pending (50)': 2,
  'members list': 2,
  'role change': 2,
  'audit page (50)': 2,
};

describe('DynamoDB round trips per operation', () => {
  let rows: OperationCost[];
  it('every operation succeeds, stays within its round-trip budget and never scans', async () => {
    rows = await measureOperations(api.stack);
    for (const row of rows) {
      expect(row.status, `${row.operation}: ${JSON.stringify(row)}`).toBeLessThan(300);
      expect(row.scans, row.operation).toBe(0);
      expect(row.roundTrips, `${row.operation}: ${row.commands.join(', ')}`).toBeLessThanOrEqual(budget[row.operation] ?? 0);
    }
    expect(rows.map((r) => r.operation).sort()).toEqual(Object.keys(budget).sort());
    // a hang guard, not a speed limit: 1100 invitations on DynamoDB Local shared with the other test
    // files took over two minutes on a slow day of this two-core machine (10 s when run alone)
  }, 600_000);

  it('invite 1 consumes no more write capacity than twice the items it must write', () => {
    // invitation, pending guard, audit event, org counter: 4 items; a transactional write of an item
    // under 1 KB costs 2 WCU, so 8 is the floor for the transaction and 2x items the budget.
    const invite = rows.find((r) => r.operation === 'invite 1');
    expect(invite?.capacity).toBeLessThanOrEqual(2 * 4 + 1 /* the BatchGetItem read */ + 1);
  });

  it('an admin\'s get, resend or revoke of an invitation that does not exist is answered from its one read', async () => {
    instrument(api.stack.runtime.table.doc);
    const admin = { userId: 'usr_rt_admin', email: 'rt-admin@example.com' };
    const orgId = (await invoke('POST', '/orgs', { caller: admin, body: { name: 'Round trips' } })).body.org.orgId as string;
    const params = { orgId, invitationId: 'inv_missing' };
    for (const [method, path] of [
      ['GET', '/orgs/{orgId}/invitations/{invitationId}'],
      ['POST', '/orgs/{orgId}/invitations/{invitationId}/resend'],
      ['POST', '/orgs/{orgId}/invitations/{invitationId}/revoke'],
    ] as const) {
      const { result, calls } = await measure(() => invoke(method, path, { caller: admin, params }));
      expect([result.status, result.body.code], path).toEqual([404, 'invitation_not_found']);
      expect(calls.map((c) => c.command), path).toEqual(['BatchGetItemCommand']);
    }
  });
});
