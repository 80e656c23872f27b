import { describe, expect, it } from 'vitest';
import { type FaultKind, FaultPlan, useFaults } from '../helpers/faults.ts';
import { inviteMany, oneInvitedUnder, settledUnder } from '../helpers/invite-under-faults.ts';
import { type User, useStack } from '../helpers/stack.ts';

/**
 * SES failing while the dispatcher sends (throttled, rejected, or the answer lost after SES took
 * the email), at 30% and 90% of SendEmail attempts: nobody gets an invitation twice, none is lost
 * without the admin seeing it, and each invitation's delivery status says what really happened.
 */
const api = useStack();
// the fault middleware on the stack's clients, through which settledUnder's plans fail SES
useFaults(api);

const invitePeople = (admin: User, orgId: string, n: number) => inviteMany(api, admin, orgId, n, 'mail');

async function deliveryOf(admin: User, orgId: string) {
  const res = await api.as(admin).get(`/orgs/${orgId}/invitations?limit=100`);
  return new Map((res.body.items as { invitationId: string; delivery?: { status: string } }[]).map((i) => [i.invitationId, i.delivery?.status]));
}

const cases: [FaultKind, number][] = [
  ['SesThrottled', 0.3],
  ['SesThrottled', 0.9],
  ['SesRejected', 0.3],
  ['SesRejected', 0.9],
  ['ResponseLost', 0.3],
  ['ResponseLost', 0.9],
];

describe('SES failing under the dispatcher', () => {
  for (const [fault, rate] of cases) {
    it(`${fault} at ${rate * 100}%: no invitation emailed twice, none lost unseen, delivery statuses true`, async () => {
      // Prepare
      const admin = await api.user('Ada');
      const org = await api.createOrg(admin);
      const plan = new FaultPlan({ seed: Math.round(rate * 100), rules: [{ fault, rate, commands: ['SendEmail'] }] });

      // Act: the stream dispatcher sends (and retries failed records, as the event source mapping would)
      const invited = await settledUnder(api, plan, () => invitePeople(admin, org.orgId, 10));
      const delivery = await deliveryOf(admin, org.orgId);

      // Assess
      expect(plan.injected(fault)).toBeGreaterThan(0);
      const received = await Promise.all(invited.map(async (i) => (await api.emailsTo(i.email)).length));
      expect(
        received.filter((n) => n > 1),
        'emailed twice',
      ).toEqual([]);
      invited.forEach((i, k) => {
        // sent exactly when the invitee has the email; otherwise failed, for the admin to resend
        expect(delivery.get(i.invitationId), i.email).toBe(received[k] === 1 ? 'sent' : 'failed');
      });
      if (fault === 'ResponseLost') {
        // SES took every one of them: the retries found the send claimed (and confirmed by SES's Send event)
        expect(received.every((n) => n === 1)).toBe(true);
      }
      if (rate === 0.3) expect(received.filter((n) => n === 1).length).toBeGreaterThanOrEqual(8);
    }, 120_000);
  }

  it('an invitation whose sends all failed is emailed once when the admin resends it after SES recovers', async () => {
    // Prepare: SES refuses everything, the invitation ends up failed
    const rejecting = new FaultPlan({ rules: [{ fault: 'SesRejected', rate: 1, commands: ['SendEmail'] }] });
    const { admin, org, inv } = await oneInvitedUnder(api, rejecting, 'mail');
    expect((await deliveryOf(admin, org.orgId)).get(inv.invitationId)).toBe('failed');

    // Act
    await api.setClock(61);
    const resend = await api.as(admin).post(`/orgs/${org.orgId}/invitations/${inv.invitationId}/resend`);
    await api.stack.settle();

    // Assess
    expect(resend.status).toBe(200);
    expect(await api.emailsTo(inv.email)).toHaveLength(1);
    expect((await deliveryOf(admin, org.orgId)).get(inv.invitationId)).toBe('sent');
    await api.setClock(0);
  }, 60_000);
});
