import { describe, expect, it } from 'vitest';
import { direct } from '../helpers/direct.ts';
import { type User, useStack } from '../helpers/stack.ts';

const api = useStack();
const db = direct(api);

async function accept(orgId: string, invitationId: string, user: User) {
  const token = await db.linkToken(orgId, invitationId);
  return api.as(user).post('/invitations/accept', { token });
}

async function join(admin: User, orgId: string, user: User, role = 'member') {
  const inv = await api.invite(admin, orgId, { emails: user.email, role, sendEmail: false });
  const r = await accept(orgId, inv.body.results[0]!.invitationId!, user);
  if (r.status !== 200) throw new Error(`accept: ${r.status} ${JSON.stringify(r.body)}`);
  return user;
}

async function auditTypes(admin: User, orgId: string) {
  const r = await api.as(admin).get(`/orgs/${orgId}/audit?type=member.primary_contact_changed`);
  return r.body.items as unknown as { type: string; target: { userId: string }; details: { from: string | null; to: string | null; reason?: string } }[];
}

/** An org whose primary contact is `contact`, set the way a provider onboards a client. */
async function orgWithPrimaryContact() {
  const admin = await api.user('Provider');
  const { orgId } = await api.createOrg(admin, { name: 'Client Co' });
  const contact = await api.user('Pat');
  const inv = await api.invite(admin, orgId, { invitees: [{ email: contact.email, primaryContact: true }], sendEmail: false });
  await accept(orgId, inv.body.results[0]!.invitationId!, contact);
  return { admin, orgId, contact };
}

describe('primary contact', () => {
  it('a provider invites the primary contact and two colleagues in one request; the primary contact is set on accept', async () => {
    // Prepare
    const admin = await api.user('Provider');
    const { orgId } = await api.createOrg(admin, { name: 'Client Co' });
    const [pat, sam, lee] = [await api.user('Pat'), await api.user('Sam'), await api.user('Lee')];

    // Act
    const res = await api.invite(admin, orgId, {
      invitees: [
        { email: pat.email, role: 'admin', firstName: 'Pat', lastName: 'Lead', primaryContact: true },
        { email: sam.email, role: 'member' },
        { email: lee.email, role: 'viewer' },
      ],
    });
    const before = await api.as(admin).get(`/orgs/${orgId}`);
    const accepted = await accept(orgId, res.body.results[0]!.invitationId!, pat);
    await accept(orgId, res.body.results[1]!.invitationId!, sam);

    // Assess
    expect(res.status).toBe(201);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(['invited', 'invited', 'invited']);
    expect(before.body.org.primaryContactUserId).toBeNull();
    expect(accepted.status).toBe(200);
    expect(accepted.body.org.primaryContactUserId).toBe(pat.userId);
    expect(accepted.body.membership).toMatchObject({ userId: pat.userId, role: 'admin', primaryContact: true });
    const org = await api.as(admin).get(`/orgs/${orgId}`);
    expect(org.body.org.primaryContactUserId).toBe(pat.userId);
    const members = await api.as(admin).get(`/orgs/${orgId}/members`);
    const flags = Object.fromEntries(members.body.items.map((m) => [m.userId, m.primaryContact ?? false]));
    expect(flags).toEqual({ [admin.userId]: false, [pat.userId]: true, [sam.userId]: false });
    expect(await auditTypes(admin, orgId)).toMatchObject([{ target: { userId: pat.userId }, details: { from: null, to: pat.userId } }]);
  });

  it('an invitation request may name at most one primary contact (a second is a 400)', async () => {
    const admin = await api.user('Provider');
    const { orgId } = await api.createOrg(admin);

    const res = await api.invite(admin, orgId, {
      invitees: [
        { email: 'one@example.com', primaryContact: true },
        { email: 'two@example.com', primaryContact: true },
      ],
    });

    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
    const pending = await api.as(admin).get(`/orgs/${orgId}/invitations`);
    expect(pending.body.items).toEqual([]);
  });

  it('an org that has a primary contact cannot be given another one by invitation (409); the admin moves it instead', async () => {
    const { admin, orgId } = await orgWithPrimaryContact();

    const res = await api.invite(admin, orgId, { invitees: [{ email: 'other@example.com', primaryContact: true }] });

    expect(res.status).toBe(409);
    expect(res.body.code).toBe('primary_contact_already_set');
  });

  it('of two pending primary-contact invitations, the first to be accepted wins; the second joins as an ordinary member', async () => {
    const admin = await api.user('Provider');
    const { orgId } = await api.createOrg(admin);
    const [a, b] = [await api.user('A'), await api.user('B')];
    const first = await api.invite(admin, orgId, { invitees: [{ email: a.email, primaryContact: true }], sendEmail: false });
    const second = await api.invite(admin, orgId, { invitees: [{ email: b.email, primaryContact: true }], sendEmail: false });

    // both accepts at the same moment: the org's condition lets exactly one set it
    const [ra, rb] = await Promise.all([accept(orgId, first.body.results[0]!.invitationId!, a), accept(orgId, second.body.results[0]!.invitationId!, b)]);

    expect([ra.status, rb.status]).toEqual([200, 200]);
    const org = (await api.as(admin).get(`/orgs/${orgId}`)).body.org;
    expect([a.userId, b.userId]).toContain(org.primaryContactUserId);
    expect(org.counts.members).toBe(3);
    expect(await auditTypes(admin, orgId)).toHaveLength(1);
  });

  it('an admin moves the primary contact to another active member (audited)', async () => {
    const { admin, orgId, contact } = await orgWithPrimaryContact();
    const next = await join(admin, orgId, await api.user('Next'));

    const res = await api.as(admin).put(`/orgs/${orgId}/primary-contact`, { userId: next.userId });

    expect(res.status).toBe(200);
    expect(res.body.org.primaryContactUserId).toBe(next.userId);
    expect((await auditTypes(admin, orgId))[0]).toMatchObject({ target: { userId: next.userId }, details: { from: contact.userId, to: next.userId } });
  });

  it('an admin names themself the primary contact: the admin check and the active check are on one row', async () => {
    const { admin, orgId } = await orgWithPrimaryContact();
    const res = await api.as(admin).put(`/orgs/${orgId}/primary-contact`, { userId: admin.userId });
    expect(res.status).toBe(200);
    expect(res.body.org.primaryContactUserId).toBe(admin.userId);
  });

  it('the primary contact can only be moved to an active member of the org', async () => {
    const { admin, orgId, contact } = await orgWithPrimaryContact();
    const suspended = await join(admin, orgId, await api.user('Sus'));
    await api.as(admin).patch(`/orgs/${orgId}/members/${suspended.userId}`, { status: 'suspended' });
    const outsider = await api.user('Out');

    const toSuspended = await api.as(admin).put(`/orgs/${orgId}/primary-contact`, { userId: suspended.userId });
    const toOutsider = await api.as(admin).put(`/orgs/${orgId}/primary-contact`, { userId: outsider.userId });

    expect([toSuspended.status, toSuspended.body.code]).toEqual([409, 'primary_contact_not_active']);
    expect([toOutsider.status, toOutsider.body.code]).toEqual([404, 'member_not_found']);
    expect((await api.as(admin).get(`/orgs/${orgId}`)).body.org.primaryContactUserId).toBe(contact.userId);
  });

  it('a member cannot move the primary contact', async () => {
    const { admin, orgId } = await orgWithPrimaryContact();
    const member = await join(admin, orgId, await api.user('Mem'));

    const res = await api.as(member).put(`/orgs/${orgId}/primary-contact`, { userId: member.userId });

    expect(res.status).toBe(403);
  });

  for (const how of ['removed', 'suspended', 'left'] as const) {
    it(`the primary contact being ${how} clears it (audited) and is never blocked by it`, async () => {
      const { admin, orgId, contact } = await orgWithPrimaryContact();

      const res =
        how === 'removed'
          ? await api.as(admin).delete(`/orgs/${orgId}/members/${contact.userId}`)
          : how === 'suspended'
            ? await api.as(admin).patch(`/orgs/${orgId}/members/${contact.userId}`, { status: 'suspended' })
            : await api.as(contact).post(`/orgs/${orgId}/leave`);

      expect(res.status).toBe(how === 'suspended' ? 200 : 204);
      expect((await api.as(admin).get(`/orgs/${orgId}`)).body.org.primaryContactUserId).toBeNull();
      expect((await auditTypes(admin, orgId))[0]).toMatchObject({ details: { from: contact.userId, to: null, reason: how } });
    });
  }

  it('a move racing the suspension of its target never leaves a suspended primary contact', async () => {
    const { admin, orgId } = await orgWithPrimaryContact();
    const next = await join(admin, orgId, await api.user('Next'));

    const [move, suspend] = await Promise.all([
      api.as(admin).put(`/orgs/${orgId}/primary-contact`, { userId: next.userId }),
      api.as(admin).patch(`/orgs/${orgId}/members/${next.userId}`, { status: 'suspended' }),
    ]);

    expect(suspend.status).toBe(200);
    expect([200, 409]).toContain(move.status);
    expect((await api.as(admin).get(`/orgs/${orgId}`)).body.org.primaryContactUserId).not.toBe(next.userId);
  });
});
