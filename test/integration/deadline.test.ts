import { describe, expect, it } from 'vitest';
import { invoke } from '../../measure/invoke.ts';
import { useFaults } from '../helpers/faults.ts';
import { useStack } from '../helpers/stack.ts';

const api = useStack();
const faults = useFaults(api);

/** Waits for a handler that was answered for (cut off at its timeout) but keeps running, as it does locally. */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a request cut off by the invocation timeout', () => {
  it('answers 503 service_busy, not 500; its key stays locked while it may still write; the retry after the lock completes it once', async () => {
    // Prepare: an org, and a DynamoDB write that answers after the invocation's whole time
    const admin = { userId: 'usr_deadline', email: 'deadline-admin@example.com' };
    const orgId = (await invoke('POST', '/orgs', { caller: admin, body: { name: 'Deadline' } })).body.org.orgId as string;
    const invite = () =>
      invoke('POST', '/orgs/{orgId}/invitations', {
        caller: admin,
        params: { orgId },
        headers: { 'idempotency-key': 'cut-off' },
        body: { emails: ['late@example.com'], sendEmail: false },
        timeoutMs: 5_000,
      });
    const plan = faults.plan({ rules: [{ fault: 'Slow', delayMs: 6_000, rate: 1, limit: 1, commands: ['TransactWriteItems'] }] });

    // Act: the first attempt meets the latency spike; a retry at once; a retry after the key's lock ran out
    const cutOff = await faults.run(plan, invite);
    const atOnce = await invoke('POST', '/orgs/{orgId}/invitations', {
      caller: admin,
      params: { orgId },
      headers: { 'idempotency-key': 'cut-off' },
      body: { emails: ['late@example.com'], sendEmail: false },
    });
    await sleep(2_000); // the cut-off handler gets its late answer and finishes meanwhile
    api.stack.clock.setOffsetSeconds(61);
    const later = await invoke('POST', '/orgs/{orgId}/invitations', {
      caller: admin,
      params: { orgId },
      headers: { 'idempotency-key': 'cut-off' },
      body: { emails: ['late@example.com'], sendEmail: false },
    });

    // Assess
    expect(plan.injected('Slow')).toBe(1);
    expect([cutOff.status, cutOff.body.code]).toEqual([503, 'service_busy']);
    expect(cutOff.body.detail).toMatch(/ran out of time/);
    expect(JSON.stringify(cutOff.body)).not.toMatch(/TimeoutError|AbortError|at .*\.ts/);
    expect([atOnce.status, atOnce.body.code]).toEqual([409, 'idempotency_in_progress']);
    expect(later.status).toBe(201);
    expect(later.body.results.map((r: { status: string }) => r.status)).toEqual(['invited']);
    const listed = (await invoke('GET', '/orgs/{orgId}/invitations', { caller: admin, params: { orgId } })).body.items as { invitationId: string }[];
    expect(listed.map((i) => i.invitationId)).toEqual([later.body.results[0].invitationId]);
    const org = await invoke('GET', '/orgs/{orgId}', { caller: admin, params: { orgId } });
    expect(org.body.org.counts.pendingInvitations).toBe(1);
  });
});
