import { describe, expect, it } from 'vitest';
import { useStack } from '../helpers/stack.ts';

const api = useStack();

const DAY = 86_400;

/** With the clock back at its start: Ada's Acme, Eve's Globex, and Bob, in neither yet. */
async function twoOrgsAndBob() {
  await api.setClock(0);
  const ada = await api.user('Ada');
  const eve = await api.user('Eve');
  const acme = await api.createOrg(ada, { name: 'Acme' });
  const globex = await api.createOrg(eve, { name: 'Globex' });
  const bob = await api.user('Bob');
  return { ada, eve, acme, globex, bob };
}

/** Ada, admin of both Acme and Globex, and Bob, in neither yet. */
async function adminOfTwoOrgsAndBob() {
  const ada = await api.user('Ada');
  const acme = await api.createOrg(ada, { name: 'Acme' });
  const globex = await api.createOrg(ada, { name: 'Globex' });
  const bob = await api.user('Bob');
  return { ada, acme, globex, bob };
}

describe('invitations of the signed-in invitee (/me/invitations)', () => {
  it('lists pending invitations across orgs, silent ones included, with org, role, inviter and expiry', async () => {
    // Prepare
    const { ada, eve, acme, globex, bob } = await twoOrgsAndBob();
    const other = await api.user('Other');
    await api.invite(ada, acme.orgId, { emails: bob.email, role: 'admin' });
    await api.invite(eve, globex.orgId, { emails: [bob.email.toUpperCase(), other.email], role: 'viewer', sendEmail: false });

    // Act
    const res = await api.as(bob).get('/me/invitations');

    // Assess
    expect(res.status).toBe(200);
    expect(res.body.nextCursor).toBeNull();
    const byOrg = Object.fromEntries(res.body.items.map((i) => [i.orgName, i]));
    expect(Object.keys(byOrg).sort()).toEqual(['Acme', 'Globex']);
    expect(byOrg.Acme).toMatchObject({ orgId: acme.orgId, role: 'admin', invitedBy: { userId: ada.userId, name: 'Ada' } });
    expect(byOrg.Globex).toMatchObject({ orgId: globex.orgId, role: 'viewer', invitedBy: { name: 'Eve' } });
    expect(typeof byOrg.Acme!.expiresAt).toBe('string');
    expect(JSON.stringify(res.body)).not.toMatch(/token|nonce|hash/i);
  });

  it('does not list expired, revoked or accepted invitations', async () => {
    // Prepare
    await api.setClock(0);
    const ada = await api.user('Ada');
    const a = await api.createOrg(ada, { name: 'A' });
    const b = await api.createOrg(ada, { name: 'B' });
    const c = await api.createOrg(ada, { name: 'C' });
    expect((await api.as(ada).patch(`/orgs/${c.orgId}`, { invitationTtlDays: 1 })).status).toBe(200);
    const bob = await api.user('Bob');
    await api.invite(ada, a.orgId, { emails: bob.email, sendEmail: false });
    const revoked = await api.invite(ada, b.orgId, { emails: bob.email, sendEmail: false });
    await api.invite(ada, c.orgId, { emails: bob.email, sendEmail: false });
    await api.as(ada).post(`/orgs/${b.orgId}/invitations/${revoked.body.results[0]!.invitationId}/revoke`);

    // Act: C's one-day invitation is past its deadline, whether or not anything recorded it yet
    await api.setClock(DAY + 60);
    const res = await api.as(bob).get('/me/invitations');

    // Assess
    expect(res.body.items.map((i: { orgName: string }) => i.orgName)).toEqual(['A']);
    await api.setClock(0);
  });

  it('needs a verified email', async () => {
    const bob = await api.user('Bob', { emailVerified: false });
    expect((await api.as(bob).get('/me/invitations')).body.code).toBe('email_not_verified');
    expect((await api.as(bob).post('/me/invitations/accept-all')).status).toBe(403);
  });

  it('accepts one invitation by id, without the link, and the others stay pending', async () => {
    // Prepare
    const { ada, acme, globex, bob } = await adminOfTwoOrgsAndBob();
    const first = await api.invite(ada, acme.orgId, { emails: bob.email, role: 'member', sendEmail: false });
    await api.invite(ada, globex.orgId, { emails: bob.email, role: 'viewer', sendEmail: false });
    const id = first.body.results[0]!.invitationId as string;

    // Act
    const res = await api.as(bob).post(`/me/invitations/${id}/accept`);
    const again = await api.as(bob).post(`/me/invitations/${id}/accept`);
    const left = await api.as(bob).get('/me/invitations');

    // Assess
    expect(res.status).toBe(200);
    expect(res.body.membership).toMatchObject({ orgId: acme.orgId, userId: bob.userId, role: 'member', status: 'active' });
    expect(res.body.org.orgId).toBe(acme.orgId);
    expect(again.status).toBe(200);
    expect(left.body.items.map((i: { orgName: string }) => i.orgName)).toEqual(['Globex']);
  });

  it('someone else cannot accept an invitation by its id: it is not found for them', async () => {
    // Prepare
    const ada = await api.user('Ada');
    const acme = await api.createOrg(ada);
    const bob = await api.user('Bob');
    const mallory = await api.user('Mallory');
    const res = await api.invite(ada, acme.orgId, { emails: bob.email, sendEmail: false });
    const id = res.body.results[0]!.invitationId as string;

    // Act
    const attempt = await api.as(mallory).post(`/me/invitations/${id}/accept`);

    // Assess
    expect(attempt.status).toBe(404);
    expect(attempt.body.code).toBe('invitation_not_found');
    const members = await api.as(ada).get(`/orgs/${acme.orgId}`);
    expect(members.body.org.counts.members).toBe(1);
  });

  it('accept-all joins every org with the role of its own invitation and reports each', async () => {
    // Prepare
    const { ada, acme, globex, bob } = await adminOfTwoOrgsAndBob();
    const a = await api.invite(ada, acme.orgId, { emails: bob.email, role: 'admin', sendEmail: false });
    const g = await api.invite(ada, globex.orgId, { emails: bob.email, role: 'viewer' });

    // Act
    const res = await api.as(bob).post('/me/invitations/accept-all');
    const again = await api.as(bob).post('/me/invitations/accept-all');

    // Assess
    expect(res.status).toBe(200);
    const byOrg = Object.fromEntries(res.body.results.map((r: { orgId: string }) => [r.orgId, r]));
    expect(byOrg[acme.orgId]).toMatchObject({
      invitationId: a.body.results[0]!.invitationId,
      status: 'accepted',
      membership: { role: 'admin', status: 'active' },
    });
    expect(byOrg[globex.orgId]).toMatchObject({
      invitationId: g.body.results[0]!.invitationId,
      status: 'accepted',
      membership: { role: 'viewer' },
    });
    expect(again.body.results).toEqual([]);
    expect((await api.as(bob).get('/me/invitations')).body.items).toEqual([]);
  });

  it('two accept-all requests at once (a double click) join each org once', async () => {
    // Prepare
    const { ada, acme, globex, bob } = await adminOfTwoOrgsAndBob();
    await api.invite(ada, acme.orgId, { emails: bob.email, sendEmail: false });
    await api.invite(ada, globex.orgId, { emails: bob.email, sendEmail: false });

    // Act
    const [one, two] = await Promise.all([api.as(bob).post('/me/invitations/accept-all'), api.as(bob).post('/me/invitations/accept-all')]);

    // Assess: both answer with the memberships; the org counters moved once
    expect([one.status, two.status]).toEqual([200, 200]);
    for (const org of [acme, globex]) {
      expect((await api.as(ada).get(`/orgs/${org.orgId}`)).body.org.counts).toEqual({ members: 2, admins: 1, pendingInvitations: 0 });
      const accepted = await api.as(ada).get(`/orgs/${org.orgId}/audit?type=invitation.accepted`);
      expect(accepted.body.items).toHaveLength(1);
    }
  });

  it('an invitee with several invitations can use any one link; the others stay valid', async () => {
    // Prepare
    const { ada, eve, acme, globex, bob } = await twoOrgsAndBob();
    await api.invite(ada, acme.orgId, { emails: bob.email });
    const acmeToken = await api.linkTokenFor(bob.email);
    await api.invite(eve, globex.orgId, { emails: bob.email });
    const globexToken = await api.linkTokenFor(bob.email);
    expect(globexToken).not.toBe(acmeToken);

    // Act
    const first = await api.as(bob).post('/invitations/accept', { token: globexToken });
    const preview = await api.request('GET', `/invitations/preview?token=${acmeToken}`);
    const second = await api.as(bob).post('/invitations/accept', { token: acmeToken });

    // Assess
    expect(first.body.org.orgId).toBe(globex.orgId);
    expect(preview.body).toMatchObject({ orgName: 'Acme', status: 'pending' });
    expect(second.status).toBe(200);
    expect(second.body.org.orgId).toBe(acme.orgId);
  });
});
