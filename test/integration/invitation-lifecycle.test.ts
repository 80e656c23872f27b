import { describe, expect, it } from 'vitest';
import { useStack } from '../helpers/stack.ts';

const api = useStack();

describe('the invitation lifecycle', () => {
  it('an admin invites a pasted list and each address gets one email with a working link', async () => {
    // Prepare
    const admin = await api.user('Ada');
    const org = await api.createOrg(admin, { name: 'Acme & Co' });
    const bob = await api.user('Bob');
    const carol = await api.user('Carol');

    // Act
    const res = await api.invite(admin, org.orgId, {
      emails: `${bob.email.toUpperCase()}; ${carol.email},\n\t ${bob.email}`,
      role: 'member',
    });

    // Assess
    expect(res.status).toBe(201);
    expect(res.body.results.map((r: { email: string; status: string }) => [r.email, r.status])).toEqual([
      [bob.email, 'invited'],
      [carol.email, 'invited'],
    ]);
    const mails = await api.emailsTo(bob.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toContain('Acme & Co');
    expect(mails[0]?.html).toContain('Acme &amp; Co');
    expect(mails[0]?.text).toMatch(/expires on/);

    const token = await api.linkTokenFor(bob.email);
    const preview = await api.request('GET', `/invitations/preview?token=${token}`);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ orgName: 'Acme & Co', inviterName: 'Ada', role: 'member', status: 'pending' });
    expect(preview.body.email).not.toBe(bob.email);

    const accepted = await api.as(bob).post('/invitations/accept', { token });
    expect(accepted.status).toBe(200);
    expect(accepted.body.membership).toMatchObject({ userId: bob.userId, role: 'member', status: 'active' });

    const list = await api.as(admin).get(`/orgs/${org.orgId}/invitations?status=accepted`);
    expect(list.body.items.map((i: { email: string }) => i.email)).toEqual([bob.email]);
    const orgNow = await api.as(admin).get(`/orgs/${org.orgId}`);
    expect(orgNow.body.org.counts).toEqual({ members: 2, admins: 1, pendingInvitations: 1 });
  });
});
