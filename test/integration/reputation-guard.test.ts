import { afterEach, describe, expect, it } from 'vitest';
import { handler as deliveryEvents, installDeliveryEventMetrics } from '../../functions/workers/delivery-events.ts';
import { DynamoReputationStore } from '../../shared/adapters/dynamodb/reputation-store.ts';
import { sendingGuardConfig } from '../../shared/config.ts';
import { dayOf } from '../../shared/domain/orgs/sending-guard.ts';
import type { MetricName } from '../../shared/metrics.ts';
import { bounce, complaint, snsOf } from '../helpers/ses-events.ts';
import { type User, useStack } from '../helpers/stack.ts';

// SES's thresholds, with a minimum of 10 sends so a test does not need a hundred invitations
const api = useStack({ sendingGuard: { minSends: 10, maxBounceRate: 0.05, maxComplaintRate: 0.001, windowDays: 7 } });

const metrics: MetricName[] = [];
installDeliveryEventMetrics({
  count: (name) => {
    metrics.push(name);
  },
});

const auditOf = async (orgId: string, type: string) => (await api.stack.runtime.deps.audit.list(orgId, { types: [type] }, { limit: 200 })).items;
const invitationOf = async (admin: User, orgId: string, id: string) => (await api.as(admin).get(`/orgs/${orgId}/invitations/${id}`)).body.invitation;
const tags = (orgId: string, invitationId: string, sendCount = 1) => ({ orgId, invitationId, sendCount: String(sendCount), kind: 'invitation' });
const tallyOf = async (orgId: string) => {
  const today = dayOf(api.stack.clock.now());
  return (await new DynamoReputationStore(api.stack.runtime.table).read(orgId, { from: today, to: today })).days[today];
};

async function orgWithSent(n: number) {
  const admin = await api.user('Ada');
  const org = await api.createOrg(admin);
  const people = Array.from({ length: n }, (_, i) => `person${i}.${org.orgId.slice(-6)}@example.com`);
  const res = await api.invite(admin, org.orgId, { emails: people });
  expect(res.status).toBe(201);
  await api.stack.settle();
  const ids = (res.body.results as { email: string; invitationId: string }[]).map((r) => ({ email: r.email, id: r.invitationId }));
  return { admin, org, ids };
}

describe('sender reputation guard', () => {
  afterEach(() => {
    metrics.length = 0;
  });

  it('bounces over the threshold pause the org once, counted exactly under concurrent and repeated events; nothing is sent while paused; the operator resume sends what was held', async () => {
    // Prepare: 20 invitation emails sent
    const { admin, org, ids } = await orgWithSent(20);
    const sentBefore = await tallyOf(org.orgId);

    // Act: 12 hard bounces, each delivered twice (SNS retries), all at once
    const events = ids.slice(0, 12).flatMap(({ email, id }) => [bounce(email, tags(org.orgId, id)), bounce(email, tags(org.orgId, id))]);
    await Promise.all(events.map((e) => deliveryEvents(snsOf(e))));
    const tally = await tallyOf(org.orgId);
    const paused = await auditOf(org.orgId, 'org.sending_paused');
    const view = await api.as(admin).get(`/orgs/${org.orgId}`);

    // a new invitation and a resend while paused
    const carol = await api.user('Carol');
    const invited = await api.invite(admin, org.orgId, { emails: carol.email });
    const carolId = invited.body.results[0]!.invitationId as string;
    const carolAtOnce = await invitationOf(admin, org.orgId, carolId);
    await api.setClock(61);
    const quiet = ids[15]!;
    const resent = await api.as(admin).post(`/orgs/${org.orgId}/invitations/${quiet.id}/resend`);
    await api.stack.settle();
    const carolMailsWhilePaused = await api.emailsTo(carol.email);
    const quietMailsWhilePaused = await api.emailsTo(quiet.email);
    const quietWhilePaused = await invitationOf(admin, org.orgId, quiet.id);
    const pausedList = await api.as(admin).get(`/orgs/${org.orgId}/invitations?delivery=paused`);

    // the operator resumes
    const resume = await api.resumeSending(org.orgId);
    await api.stack.settle();
    const again = await api.resumeSending(org.orgId);
    const carolMails = await api.emailsTo(carol.email);
    const quietMails = await api.emailsTo(quiet.email);
    const carolAfter = await invitationOf(admin, org.orgId, carolId);
    const resumed = await auditOf(org.orgId, 'org.sending_resumed');
    // judged afresh after the resume: one more bounce among few sends does not pause again
    await deliveryEvents(snsOf(bounce(carol.email, tags(org.orgId, carolId))));
    const viewAfter = await api.as(admin).get(`/orgs/${org.orgId}`);
    await api.setClock(0);

    // Assess
    expect(sentBefore).toMatchObject({ sent: 20, bounced: 0, complained: 0 });
    expect(tally).toMatchObject({ sent: 20, bounced: 12, complained: 0 });
    expect(paused).toHaveLength(1);
    expect(paused[0]!.actor).toEqual({ system: true });
    // the pause is taken by whichever event crossed the line first: at least 2 of 20 (over 5 %)
    expect(paused[0]!.details).toMatchObject({ reason: 'bounce_rate', rates: { sent: 20 }, thresholds: { maxBounceRate: 0.05, minSends: 10 } });
    expect((paused[0]!.details as { rates: { bounced: number } }).rates.bounced).toBeGreaterThanOrEqual(2);
    expect((paused[0]!.details as { rates: { bounceRate: number } }).rates.bounceRate).toBeGreaterThan(0.05);
    expect(metrics.filter((m) => m === 'SendingPaused')).toHaveLength(1);
    expect(view.body.org.sending).toMatchObject({ status: 'paused', reason: 'bounce_rate', rates: (paused[0]!.details as { rates: object }).rates });
    expect(view.body.org.sending!.since).toEqual(expect.any(String));

    expect(invited.status).toBe(201);
    expect(carolAtOnce.delivery).toMatchObject({ status: 'paused', reason: 'sending_paused' });
    expect(resent.status).toBe(200);
    expect(carolMailsWhilePaused).toHaveLength(0);
    expect(quietMailsWhilePaused).toHaveLength(1); // the first invitation only, from before the pause
    expect(quietWhilePaused.delivery).toMatchObject({ status: 'paused', reason: 'sending_paused' });
    expect(pausedList.body.items.map((i: { invitationId: string }) => i.invitationId).sort()).toEqual([carolId, quiet.id].sort());

    expect(resume).toEqual({ code: 0, result: { orgId: org.orgId, resumed: true, requeued: 2 } });
    expect(again).toEqual({ code: 2, result: { orgId: org.orgId, resumed: false, requeued: 0 } });
    expect(carolMails).toHaveLength(1);
    expect(quietMails).toHaveLength(2);
    expect(carolAfter.delivery!.status).toBe('sent');
    expect(resumed).toHaveLength(1);
    expect(resumed[0]!.details).toMatchObject({ operator: 'test-operator', reason: 'bounce_rate' });
    expect(viewAfter.body.org.sending).toEqual({ status: 'active' });
  });

  it('complaints count at their own, lower threshold', async () => {
    const { admin, org, ids } = await orgWithSent(10);

    await deliveryEvents(snsOf(complaint(ids[0]!.email, tags(org.orgId, ids[0]!.id))));
    const view = await api.as(admin).get(`/orgs/${org.orgId}`);

    expect(view.body.org.sending).toMatchObject({ status: 'paused', reason: 'complaint_rate', rates: { sent: 10, complained: 1, complaintRate: 0.1 } });
  });

  it('below the minimum number of sends no rate pauses the org', async () => {
    const { admin, org, ids } = await orgWithSent(3);

    await Promise.all(ids.map(({ email, id }) => deliveryEvents(snsOf(bounce(email, tags(org.orgId, id))))));
    const view = await api.as(admin).get(`/orgs/${org.orgId}`);

    expect(await tallyOf(org.orgId)).toMatchObject({ sent: 3, bounced: 3 });
    expect(view.body.org.sending).toEqual({ status: 'active' });
    expect(await auditOf(org.orgId, 'org.sending_paused')).toHaveLength(0);
  });

  it('an address that complained is not emailed again by the org, across invitations, until an admin confirms a resend', async () => {
    // Prepare: Bob complained about his invitation, which the admin then revoked
    const { admin, org, invitee: bob, invitationId: first } = await api.inviteOne();
    await deliveryEvents(snsOf(complaint(bob.email, tags(org.orgId, first))));
    expect((await api.as(admin).post(`/orgs/${org.orgId}/invitations/${first}/revoke`)).status).toBe(200);

    // Act: a new invitation to the same address
    const second = (await api.invite(admin, org.orgId, { emails: bob.email })).body.results[0]!.invitationId as string;
    await api.stack.settle();
    const held = await invitationOf(admin, org.orgId, second);
    const mailsHeld = await api.emailsTo(bob.email);
    await api.setClock(61);
    const plain = await api.as(admin).post(`/orgs/${org.orgId}/invitations/${second}/resend`);
    const confirmed = await api.as(admin).post(`/orgs/${org.orgId}/invitations/${second}/resend`, { confirmUndeliverable: true });
    const mails = await api.emailsTo(bob.email);
    const after = await invitationOf(admin, org.orgId, second);
    await api.setClock(0);

    // Assess
    expect(held.delivery).toMatchObject({ status: 'paused', reason: 'address_complained' });
    expect(held.delivery!.detail).toContain('confirmUndeliverable');
    expect(mailsHeld).toHaveLength(1); // the first invitation's email only
    expect(plain.status).toBe(409);
    expect(plain.body.code).toBe('delivery_problem_unconfirmed');
    expect(confirmed.status).toBe(200);
    expect(mails).toHaveLength(2);
    expect(after.delivery!.status).toBe('sent');
  });

  it('a hard bounce suppresses the address; a soft (transient) bounce neither suppresses nor counts', async () => {
    const admin = await api.user('Ada');
    const org = await api.createOrg(admin);
    const [hard, soft] = [await api.user('Hard'), await api.user('Soft')];
    const res = await api.invite(admin, org.orgId, { emails: [hard.email, soft.email] });
    await api.stack.settle();
    const idOf = (email: string) => (res.body.results as { email: string; invitationId: string }[]).find((r) => r.email === email)!.invitationId;

    await deliveryEvents(snsOf(bounce(hard.email, tags(org.orgId, idOf(hard.email)))));
    await deliveryEvents(snsOf(bounce(soft.email, tags(org.orgId, idOf(soft.email)), 'Transient')));
    for (const p of [hard, soft]) await api.as(admin).post(`/orgs/${org.orgId}/invitations/${idOf(p.email)}/revoke`);
    const again = await api.invite(admin, org.orgId, { emails: [hard.email, soft.email] });
    await api.stack.settle();
    const againOf = (email: string) => (again.body.results as { email: string; invitationId: string }[]).find((r) => r.email === email)!.invitationId;

    expect((await invitationOf(admin, org.orgId, againOf(hard.email))).delivery).toMatchObject({ status: 'paused', reason: 'address_bounced' });
    expect((await invitationOf(admin, org.orgId, againOf(soft.email))).delivery!.status).toBe('sent');
    expect(await api.emailsTo(hard.email)).toHaveLength(1);
    expect(await api.emailsTo(soft.email)).toHaveLength(2);
    expect(await tallyOf(org.orgId)).toMatchObject({ sent: 3, bounced: 1 });
  });

  it("the org view shows the sending state, the plan's limits and today's emails to admins only", async () => {
    const { admin, org } = await api.inviteOne();
    const member = await api.user('Mia');
    expect((await api.as(admin).patch(`/orgs/${org.orgId}`, { allowedDomains: ['example.com'], autoJoin: { enabled: true, role: 'member' } })).status).toBe(
      200,
    );
    const joined = await api.as(member).post(`/orgs/${org.orgId}/join`);

    const asAdmin = await api.as(admin).get(`/orgs/${org.orgId}`);
    const asMember = await api.as(member).get(`/orgs/${org.orgId}`);

    expect(joined.status).toBe(200);
    expect(asAdmin.body.org.sending).toEqual({ status: 'active' });
    // the plan's limits and today's invitation emails: one sent; the allowance is the new org's, as a member
    // who joined by auto-join earns none (it grows with accepted invitations: send-limits.test.ts)
    expect(asAdmin.body.org.limits).toEqual({
      pendingInvitations: 50,
      members: 100,
      invitationEmailsToday: { sent: 1, allowance: 100, resetsAt: expect.stringMatching(/T00:00:00\.000Z$/) },
    });
    expect(asMember.status).toBe(200);
    expect(asMember.body.org).not.toHaveProperty('sending');
    expect(asMember.body.org).not.toHaveProperty('limits');
  });

  it('bad input: the resume script refuses an unknown org and a bad command line; the filter refuses an unknown status; a bad SENDING_GUARD fails loudly', async () => {
    const admin = await api.user('Ada');
    const org = await api.createOrg(admin);

    const unknown = await api.resumeSending('org_doesnotexist');
    const notPaused = await api.resumeSending(org.orgId);
    const badFilter = await api.as(admin).get(`/orgs/${org.orgId}/invitations?delivery=held`);
    const pausedFilter = await api.as(admin).get(`/orgs/${org.orgId}/invitations?delivery=paused`);

    expect(unknown).toEqual({ code: 1, result: expect.objectContaining({ error: 'org_not_found' }) });
    expect(notPaused).toEqual({ code: 2, result: { orgId: org.orgId, resumed: false, requeued: 0 } });
    expect(await auditOf(org.orgId, 'org.sending_resumed')).toHaveLength(0);
    expect(badFilter.status).toBe(400);
    expect(badFilter.headers.get('content-type')).toContain('application/problem+json');
    expect(pausedFilter.status).toBe(200);
    expect(() => sendingGuardConfig({ SENDING_GUARD: '{"maxBounceRate": 2}' })).toThrow(/SENDING_GUARD maxBounceRate/);
    expect(() => sendingGuardConfig({ SENDING_GUARD: '{"windowDays": 90}' })).toThrow(/windowDays/);
    expect(() => sendingGuardConfig({ SENDING_GUARD: 'nope' })).toThrow(/not JSON/);
    expect(sendingGuardConfig({ SENDING_GUARD: '{"minSends": 500}' })).toEqual({ windowDays: 7, minSends: 500, maxBounceRate: 0.05, maxComplaintRate: 0.001 });
  });
});
