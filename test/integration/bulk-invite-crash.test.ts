import { describe, expect, it } from 'vitest';
import { DynamoCounterStore } from '../../shared/adapters/dynamodb/counter-store.ts';
import { recountOrg } from '../../shared/domain/orgs/recount.ts';
import { FaultPlan, useFaults } from '../helpers/faults.ts';
import { useStack } from '../helpers/stack.ts';

/**
 * A bulk invite whose function dies after it reserved its places and before it settled them: the
 * places come back (shared/adapters/dynamodb/reservations.ts) instead of filling the plan for good.
 */
const api = useStack();
const faults = useFaults(api);

const emails = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}@crash.example.com`);

describe('a bulk invite that crashes', { timeout: 300_000 }, () => {
  it('gives its reserved places back once past its deadline: the next invite that meets the limit settles it, and recount sees no drift', async () => {
    // Prepare: where the chunk transactions come in an uncrashed bulk invite of the same shape
    const admin = await api.user('Ada');
    const probeOrg = await api.createOrg(admin);
    const probe = new FaultPlan({});
    await faults.run(probe, () => api.invite(admin, probeOrg.orgId, { emails: emails('probe', 50), sendEmail: false }));
    const transactions = probe.attempts.flatMap((a, i) => (a.command === 'TransactWriteItems' ? [i + 1] : []));
    // the reservation, then the chunks: die just before the first chunk is sent
    const firstChunk = transactions[1] as number;
    expect(transactions.length).toBeGreaterThanOrEqual(3);

    const org = await api.createOrg(admin); // standard plan: 50 pending invitations at most
    const crash = new FaultPlan({ crash: { atCall: firstChunk, afterSend: false } });

    // Act: the invite dies with its 50 places reserved and nothing written
    await faults.run(crash, () => api.invite(admin, org.orgId, { emails: emails('lost', 50), sendEmail: false }));
    const counters = new DynamoCounterStore(api.stack.runtime.table);
    const during = await recountOrg({ clock: api.stack.clock, counters }, org.orgId, { repair: false });
    const refused = await api.invite(admin, org.orgId, { emails: 'early@crash.example.com', sendEmail: false });
    await api.setClock(120); // past the dead invite's deadline
    const later = await api.invite(admin, org.orgId, { emails: 'later@crash.example.com', sendEmail: false });
    const after = await recountOrg({ clock: api.stack.clock, counters }, org.orgId, { repair: false });

    // Assess
    expect(crash.injected('Crash')).toBe(1);
    expect([during.stored?.pendingCount, during.counted?.pendingCount, during.openReservations, during.drift]).toEqual([50, 50, 1, []]);
    expect(refused.body.results[0]!.status).toBe('pending_limit_reached'); // before the deadline the places may still be in use
    expect([later.status, later.body.results[0]!.status]).toEqual([201, 'invited']);
    expect([after.stored?.pendingCount, after.openReservations, after.drift]).toEqual([1, 0, []]);
  });
});
