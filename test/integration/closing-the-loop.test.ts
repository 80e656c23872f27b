import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { keys } from '../../shared/db/table.ts';
import { RENEWALS_PER_ORG_PER_HOUR } from '../../shared/domain/invitations/request-renewal.ts';
import { useStack } from '../helpers/stack.ts';

const api = useStack();

const DAY = 86_400;

async function auditOf(orgId: string, type: string) {
  return (await api.stack.runtime.deps.audit.list(orgId, { types: [type] }, { limit: 200 })).items;
}

describe('the inviter hears back', () => {
  it('the inviter gets a short email when their invitation is accepted', async () => {
    // Prepare
    const ada = await api.user('Ada');
    const org = await api.createOrg(ada, { name: 'Acme' });
    const bob = await api.user('Bob');
    await api.invite(ada, org.orgId, { emails: bob.email, role: 'viewer' });

    // Act
    await api.as(bob).post('/invitations/accept', { token: await api.linkTokenFor(bob.email) });
    const mails = await api.emailsTo(ada.email);

    // Assess
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain('joined Acme');
    expect(mails[0]!.text).toContain(bob.email);
    expect(mails[0]!.text).toContain('a viewer');
  });

  it('no email to the inviter when the org turned notifyInviterOnAccept off', async () => {
    // Prepare
    const ada = await api.user('Ada');
    const org = await api.createOrg(ada);
    expect((await api.as(ada).patch(`/orgs/${org.orgId}`, { notifyInviterOnAccept: false })).status).toBe(200);
    const bob = await api.user('Bob');
    const res = await api.invite(ada, org.orgId, { emails: bob.email, sendEmail: false });

    // Act
    expect((await api.as(bob).post(`/me/invitations/${res.body.results[0]!.invitationId}/accept`)).status).toBe(200);

    // Assess
    expect(await api.emailsTo(ada.email)).toHaveLength(0);
  });
});

describe('asking for a new invitation with an expired link', () => {
  it('the preview of an expired link offers it; the request tells every admin once and is audited', async () => {
    // Prepare: Ada's org (createOrg's default name, Acme) invites Bob
    const { admin: ada, org, invitee: bob } = await api.orgAndInvitee();
    await api.invite(ada, org.orgId, { emails: bob.email });
    const token = await api.linkTokenFor(bob.email);
    await api.setClock(8 * DAY);

    // Act
    const preview = await api.request('GET', `/invitations/preview?token=${token}`);
    const res = await api.as(bob).post('/invitations/request-new', { token });
    const again = await api.as(bob).post('/invitations/request-new', { token });
    const previewAfter = await api.request('GET', `/invitations/preview?token=${token}`);
    const adminMails = await api.emailsTo(ada.email);

    // Assess
    expect(preview.body).toMatchObject({ status: 'expired', canRequestNew: true });
    expect(res.status).toBe(200);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('renewal_already_requested');
    expect(previewAfter.body).toMatchObject({ canRequestNew: false, renewalRequested: true });
    expect(adminMails).toHaveLength(1);
    expect(adminMails[0]!.subject).toContain(bob.email);
    expect(adminMails[0]!.text).toContain('Acme');
    const events = await auditOf(org.orgId, 'invitation.renewal_requested');
    expect(events).toHaveLength(1);
    expect(events[0]!.actor).toMatchObject({ userId: bob.userId });
    await api.setClock(0);
  });

  it('is refused with 409 while the invitation has not expired, or after it was revoked', async () => {
    // Prepare
    const { admin: ada, org, invitee: bob } = await api.orgAndInvitee();
    const carol = await api.user('Carol');
    const res = await api.invite(ada, org.orgId, { emails: [bob.email, carol.email] });
    const bobToken = await api.linkTokenFor(bob.email);
    const carolToken = await api.linkTokenFor(carol.email);
    await api.as(ada).post(`/orgs/${org.orgId}/invitations/${res.body.results[1]!.invitationId}/revoke`);

    // Act
    const pending = await api.as(bob).post('/invitations/request-new', { token: bobToken });
    await api.setClock(8 * DAY);
    const revoked = await api.as(carol).post('/invitations/request-new', { token: carolToken });

    // Assess
    expect(pending.status).toBe(409);
    expect(pending.body.code).toBe('invitation_not_expired');
    expect(revoked.status).toBe(409);
    expect(revoked.body.code).toBe('invitation_not_expired');
    expect(await api.emailsTo(ada.email)).toHaveLength(0);
    await api.setClock(0);
  });

  it('many expired links of one org cannot flood its admins: requests per hour are capped', async () => {
    // Prepare: more expired invitations than the hourly allowance
    await api.setClock(0);
    const ada = await api.user('Ada');
    const org = await api.createOrg(ada);
    const n = RENEWALS_PER_ORG_PER_HOUR + 1;
    const emails = Array.from({ length: n }, (_, i) => `flood${i}.${org.orgId.slice(-6).toLowerCase()}@example.com`);
    await api.invite(ada, org.orgId, { emails });
    const tokens = await Promise.all(emails.map((e) => api.linkTokenFor(e)));
    await api.setClock(8 * DAY);
    const requester = await api.user('Requester');

    // Act
    const results = [];
    for (const token of tokens) results.push(await api.as(requester).post('/invitations/request-new', { token }));

    // Assess
    expect(results.slice(0, -1).every((r) => r.status === 200)).toBe(true);
    expect(results[n - 1]!.status).toBe(429);
    expect(results[n - 1]!.body.code).toBe('renewal_rate_limited');
    expect(Number(results[n - 1]!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await auditOf(org.orgId, 'invitation.renewal_requested')).toHaveLength(RENEWALS_PER_ORG_PER_HOUR);
    await api.setClock(0);
  });
});

describe('link scanners', () => {
  it('opening the link (GET preview) any number of times changes nothing', async () => {
    // Prepare
    const { admin: ada, org, invitee: bob } = await api.orgAndInvitee();
    const id = (await api.invite(ada, org.orgId, { emails: bob.email })).body.results[0]!.invitationId as string;
    const token = await api.linkTokenFor(bob.email);
    const { table } = api.stack.runtime;
    const read = async () =>
      (await table.doc.send(new GetCommand({ TableName: table.name, Key: keys.invitationKey(org.orgId, id), ConsistentRead: true }))).Item;
    const before = await read();
    const auditBefore = (await api.stack.runtime.deps.audit.list(org.orgId, {}, { limit: 200 })).items.length;

    // Act: a scanner follows the link twenty times, also after expiry
    for (let i = 0; i < 10; i++) expect((await api.request('GET', `/invitations/preview?token=${token}`)).status).toBe(200);
    await api.setClock(8 * DAY);
    for (let i = 0; i < 10; i++) expect((await api.request('GET', `/invitations/preview?token=${token}`)).status).toBe(200);
    await api.stack.settle();

    // Assess: the stored invitation is as it was, apart from what the expiry schedule recorded
    const after = await read();
    expect({ ...after, status: before?.status }).toEqual(before);
    expect(after?.status).toBe('expired');
    const auditAfter = (await api.stack.runtime.deps.audit.list(org.orgId, {}, { limit: 200 })).items;
    expect(auditAfter.length).toBe(auditBefore + 1);
    expect(auditAfter[0]!.type).toBe('invitation.expired');
    await api.setClock(0);
  });
});
