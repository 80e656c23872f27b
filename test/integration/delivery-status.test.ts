import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../functions/local/ports.ts';
import { handler as deliveryEvents } from '../../functions/workers/delivery-events.ts';
import { installMailer } from '../../functions/workers/worker-runtime.ts';
import { SesMailer } from '../../shared/adapters/ses/mailer.ts';
import { MAX_SEND_ATTEMPTS } from '../../shared/domain/invitations/deliver-invitation.ts';
import { bounce, complaint, delivered, snsOf } from '../helpers/ses-events.ts';
import { useStack } from '../helpers/stack.ts';

const api = useStack();

const sesAt = (endpoint: string) => new SesMailer({ region: 'us-east-1', from: 'invitations@localhost.test', endpoint });

async function auditOf(orgId: string, type: string) {
  return (await api.stack.runtime.deps.audit.list(orgId, { types: [type] }, { limit: 200 })).items;
}

async function invitationOf(admin: Parameters<typeof api.as>[0], orgId: string, id: string) {
  return (await api.as(admin).get(`/orgs/${orgId}/invitations/${id}`)).body.invitation;
}

describe('delivery status', () => {
  afterEach(() => installMailer(sesAt(api.stack.ses.endpoint)));

  it('a send that keeps failing ends as failed after the retries, audited once, and a resend then succeeds', async () => {
    // Prepare: SES unreachable (a closed port)
    const { admin, org, invitee: bob } = await api.orgAndInvitee();
    installMailer(sesAt(`http://127.0.0.1:${await freePort()}`));

    // Act
    const res = await api.invite(admin, org.orgId, { emails: bob.email });
    const id = res.body.results[0]!.invitationId as string;
    await api.stack.settle();
    const failed = await invitationOf(admin, org.orgId, id);
    const failedList = await api.as(admin).get(`/orgs/${org.orgId}/invitations?delivery=failed`);
    const events = await auditOf(org.orgId, 'invitation.delivery_failed');

    installMailer(sesAt(api.stack.ses.endpoint));
    await api.setClock(61);
    const resent = await api.as(admin).post(`/orgs/${org.orgId}/invitations/${id}/resend`);
    const mails = await api.emailsTo(bob.email);
    const after = await invitationOf(admin, org.orgId, id);

    // Assess: nothing lost, the admin sees why, the resend goes through
    expect(failed.status).toBe('pending');
    expect(failed.delivery).toMatchObject({ status: 'failed' });
    expect(failed.delivery!.detail).toMatch(/attempt \d/);
    expect(failedList.body.items.map((i: { invitationId: string }) => i.invitationId)).toEqual([id]);
    expect(events).toHaveLength(1);
    expect(events[0]!.details).toMatchObject({ attempts: MAX_SEND_ATTEMPTS, sendCount: 1 });
    expect(resent.status).toBe(200);
    expect(mails).toHaveLength(1);
    expect(after.delivery!.status).toBe('sent');
    expect((await api.as(admin).get(`/orgs/${org.orgId}/invitations?delivery=failed`)).body.items).toEqual([]);
    await api.setClock(0);
  });

  it('a bounce marks the invitation bounced; a later delivery event does not hide it', async () => {
    // Prepare
    await api.setClock(0);
    const { admin, org, invitee: bob, invitationId: id } = await api.inviteOne();
    const tags = { orgId: org.orgId, invitationId: id, sendCount: '1', kind: 'invitation' };

    // Act
    await deliveryEvents(snsOf(bounce(bob.email, tags)));
    await deliveryEvents(snsOf(delivered(bob.email, tags)));
    const inv = await invitationOf(admin, org.orgId, id);
    const bounced = await api.as(admin).get(`/orgs/${org.orgId}/invitations?delivery=bounced`);

    // Assess
    expect(inv.delivery).toMatchObject({ status: 'bounced', at: '2026-01-05T10:00:00.000Z' });
    expect(inv.delivery!.detail).toContain('Permanent');
    expect(inv.delivery!.detail).toContain('550 5.1.1');
    expect(bounced.body.items).toHaveLength(1);
  });

  it('a delivery event adds detail to a sent invitation', async () => {
    const { admin, org, invitee: bob, invitationId: id } = await api.inviteOne();

    await deliveryEvents(snsOf(delivered(bob.email, { orgId: org.orgId, invitationId: id, sendCount: '1' })));

    expect((await invitationOf(admin, org.orgId, id)).delivery).toMatchObject({ status: 'sent', detail: 'delivered: 250 2.0.0 OK' });
  });

  it('a complaint marks the invitation complained', async () => {
    const { admin, org, invitee: bob, invitationId: id } = await api.inviteOne();

    await deliveryEvents(snsOf(complaint(bob.email, { orgId: org.orgId, invitationId: id, sendCount: '1' })));

    expect((await invitationOf(admin, org.orgId, id)).delivery).toMatchObject({ status: 'complained', detail: 'complaint (abuse)' });
  });

  it('a resend after a bounce, confirmed by the admin, is allowed and clears the status; a late bounce of the old send does not mark the new one', async () => {
    // Prepare
    const { admin, org, invitee: bob } = await api.orgAndInvitee();
    const id = (await api.invite(admin, org.orgId, { emails: bob.email })).body.results[0]!.invitationId as string;
    await api.stack.settle();
    const firstSend = { orgId: org.orgId, invitationId: id, sendCount: '1' };
    await deliveryEvents(snsOf(bounce(bob.email, firstSend)));

    // Act
    await api.setClock(61);
    // issue 17: a bounced address is emailed again only when the admin confirms it
    const plain = await api.as(admin).post(`/orgs/${org.orgId}/invitations/${id}/resend`);
    expect(plain.body.code).toBe('delivery_problem_unconfirmed');
    const resent = await api.as(admin).post(`/orgs/${org.orgId}/invitations/${id}/resend`, { confirmUndeliverable: true });
    await api.stack.settle();
    const afterResend = await invitationOf(admin, org.orgId, id);
    await deliveryEvents(snsOf(bounce(bob.email, firstSend)));
    const afterLateBounce = await invitationOf(admin, org.orgId, id);

    // Assess
    expect(resent.status).toBe(200);
    expect(afterResend.delivery!.status).toBe('sent');
    expect(afterLateBounce.delivery!.status).toBe('sent');
    expect(await api.emailsTo(bob.email)).toHaveLength(2);
    await api.setClock(0);
  });

  it('events that name no invitation (notices, malformed messages) are ignored', async () => {
    await expect(deliveryEvents(snsOf(bounce('x@example.com', {})))).resolves.toBeUndefined();
    const event = snsOf({});
    event.Records[0]!.Sns.Message = 'not json';
    await expect(deliveryEvents(event)).resolves.toBeUndefined();
  });
});
