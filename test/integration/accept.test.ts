import { describe, expect, it } from 'vitest';
import { instrument, measure } from '../../measure/instrument.ts';
import { invoke } from '../../measure/invoke.ts';
import { useStack } from '../helpers/stack.ts';

const api = useStack();

async function invited(role = 'member') {
  const admin = await api.user('Admin');
  const org = await api.createOrg(admin);
  const invitee = await api.user('Invitee');
  const res = await api.invite(admin, org.orgId, { emails: invitee.email, role });
  const invitationId = res.body.results[0]!.invitationId as string;
  const token = await api.linkTokenFor(invitee.email);
  return { admin, org, invitee, token, invitationId };
}

describe('accepting an invitation', () => {
  it('an unknown token is 404 invitation_not_found, for preview and accept alike', async () => {
    const someone = await api.user('Someone');
    const fake = 'A'.repeat(43);
    expect((await api.request('GET', `/invitations/preview?token=${fake}`)).body.code).toBe('invitation_not_found');
    const r = await api.as(someone).post('/invitations/accept', { token: fake });
    expect(r.status).toBe(404);
    expect(r.headers.get('content-type')).toBe('application/problem+json');
    expect(r.body).toMatchObject({ status: 404, code: 'invitation_not_found', title: expect.any(String), type: expect.any(String) });
  });

  it('a preview costs the same one read whether or not the token exists', async () => {
    const { token, org, invitationId } = await invited();
    instrument(api.stack.runtime.table.doc);
    const preview = (t: string) => measure(() => invoke('GET', '/invitations/preview', { query: { token: t } }));
    // calls are counted only inside this request, not those of the dispatcher working beside it
    const hit = await preview(token);
    const misses = await Promise.all(
      ['B'.repeat(43), `${org.orgId}.inv_01NOSUCHINVITATION0000000000.${'B'.repeat(43)}`, `${org.orgId}.${invitationId}.${'B'.repeat(43)}`].map(preview),
    );
    expect(hit.result.status).toBe(200);
    expect(hit.calls.map((c) => c.command)).toEqual(['BatchGetItemCommand']);
    for (const miss of misses) {
      expect(miss.result.status).toBe(404);
      expect(miss.calls.map((c) => c.command)).toEqual(hit.calls.map((c) => c.command));
    }
  });

  it("a link pointed at someone else's invitation, or with a guessed secret, opens nothing", async () => {
    const { admin, org, token: myToken } = await invited();
    const victim = await api.user('Victim');
    const theirs = (await api.invite(admin, org.orgId, { emails: victim.email, role: 'admin' })).body.results[0]!.invitationId as string;
    const [, mine] = myToken.split('.');
    // invitation ids are no secret (admins, former admins and the API show them); the secret must match too
    const forged = [myToken.replace(mine as string, theirs), `${org.orgId}.${theirs}.${'A'.repeat(43)}`];
    for (const token of forged) {
      expect((await api.request('GET', `/invitations/preview?token=${token}`)).body.code).toBe('invitation_not_found');
      expect((await api.as(victim).post('/invitations/accept', { token })).body.code).toBe('invitation_not_found');
      expect((await api.as(victim).post('/invitations/decline', { token })).body.code).toBe('invitation_not_found');
      expect((await api.as(victim).post('/invitations/request-new', { token })).body.code).toBe('invitation_not_found');
    }
    const real = await api.linkTokenFor(victim.email);
    expect((await api.request('GET', `/invitations/preview?token=${real}`)).body).toMatchObject({ role: 'admin', status: 'pending' });
  });

  it('the invitee joins with the invited role, once', async () => {
    const { invitee, token, org } = await invited('viewer');
    const r = await api.as(invitee).post('/invitations/accept', { token });
    expect(r.status).toBe(200);
    expect(r.body.membership).toMatchObject({ orgId: org.orgId, userId: invitee.userId, email: invitee.email, role: 'viewer', status: 'active' });
    expect(r.body.org.orgId).toBe(org.orgId);
    const again = await api.as(invitee).post('/invitations/accept', { token });
    expect(again.status).toBe(200); // a retried accept answers with the same membership
    expect(again.body.membership.userId).toBe(invitee.userId);
    expect((await api.as(invitee).get(`/orgs/${org.orgId}`)).body.org.counts.members).toBe(2);
  });

  it('someone signed in with another email cannot use the link (email_mismatch)', async () => {
    const { token } = await invited();
    const thief = await api.user('Thief');
    const r = await api.as(thief).post('/invitations/accept', { token });
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('email_mismatch');
  });

  it('an unverified email cannot accept, even when it is the invited address', async () => {
    const { token, invitee } = await invited();
    const unverified = await api.user('Invitee', { email: invitee.email, emailVerified: false });
    const r = await api.as(unverified).post('/invitations/accept', { token });
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('email_not_verified');
  });

  it('identity comes from the verified token, never from the body', async () => {
    const { token, invitee } = await invited();
    const thief = await api.user('Thief');
    const r = await api.as(thief).post('/invitations/accept', { token, email: invitee.email, userId: invitee.userId });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('validation_failed');
  });

  it('an invitation accepted by one account cannot be used by another account with the same email', async () => {
    const { token, invitee } = await invited();
    await api.as(invitee).post('/invitations/accept', { token });
    const other = await api.stack.issuer.issue({ email: invitee.email, userId: 'usr_other_account' });
    const r = await api.as(other).post('/invitations/accept', { token });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('invitation_already_used');
  });

  it('an expired invitation cannot be accepted, from the exact expiry on', async () => {
    const { token, invitee } = await invited();
    await api.setClock(7 * 86_400);
    try {
      const r = await api.as(invitee).post('/invitations/accept', { token });
      expect(r.status).toBe(410);
      expect(r.body.code).toBe('invitation_expired');
      const preview = await api.request('GET', `/invitations/preview?token=${token}`);
      expect(preview.body).toMatchObject({ status: 'expired', canRequestNew: true });
    } finally {
      await api.setClock(0);
    }
  });

  it('a revoked invitation cannot be accepted', async () => {
    const { token, invitee, admin, org, invitationId } = await invited();
    expect((await api.as(admin).post(`/orgs/${org.orgId}/invitations/${invitationId}/revoke`)).status).toBe(200);
    const r = await api.as(invitee).post('/invitations/accept', { token });
    expect(r.status).toBe(410);
    expect(r.body.code).toBe('invitation_revoked');
  });

  it('a declined invitation cannot be accepted afterwards', async () => {
    const { token, invitee, admin, org } = await invited();
    const d = await api.as(invitee).post('/invitations/decline', { token });
    expect(d.status).toBe(200);
    expect(d.body.invitation.status).toBe('declined');
    expect((await api.as(invitee).post('/invitations/accept', { token })).body.code).toBe('invitation_declined');
    const list = await api.as(admin).get(`/orgs/${org.orgId}/invitations?status=declined`);
    expect(list.body.items).toHaveLength(1);
    expect((await api.as(admin).get(`/orgs/${org.orgId}`)).body.org.counts.pendingInvitations).toBe(0);
  });

  it('race: ten concurrent accepts of one link produce one membership', async () => {
    const { token, invitee, org, admin } = await invited();
    const results = await Promise.all(Array.from({ length: 10 }, () => api.as(invitee).post('/invitations/accept', { token })));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
    const orgNow = (await api.as(admin).get(`/orgs/${org.orgId}`)).body.org;
    expect(orgNow.counts).toEqual({ members: 2, admins: 1, pendingInvitations: 0 });
    const audit = await api.stack.runtime.table.doc.send(
      new (await import('@aws-sdk/lib-dynamodb')).QueryCommand({
        TableName: api.stack.runtime.table.name,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': `AUDIT#${org.orgId}` },
      }),
    );
    expect(audit.Items?.filter((e) => e.type === 'member.added')).toHaveLength(1);
  });

  it('race: accept against revoke ends in one consistent state', async () => {
    for (let round = 0; round < 3; round++) {
      const { token, invitee, admin, org, invitationId } = await invited();
      const [acc, rev] = await Promise.all([
        api.as(invitee).post('/invitations/accept', { token }),
        api.as(admin).post(`/orgs/${org.orgId}/invitations/${invitationId}/revoke`),
      ]);
      const inv = (await api.as(admin).get(`/orgs/${org.orgId}/invitations/${invitationId}`)).body.invitation;
      const counts = (await api.as(admin).get(`/orgs/${org.orgId}`)).body.org.counts;
      if (acc.status === 200) {
        expect(rev.status).toBe(409);
        expect(inv.status).toBe('accepted');
        expect(counts).toEqual({ members: 2, admins: 1, pendingInvitations: 0 });
      } else {
        expect([acc.status, acc.body.code]).toEqual([410, 'invitation_revoked']);
        expect(rev.status).toBe(200);
        expect(inv.status).toBe('revoked');
        expect(counts).toEqual({ members: 1, admins: 1, pendingInvitations: 0 });
      }
    }
  });
});
