import { describe, expect, it } from 'vitest';
import { memberHelpers } from '../helpers/members.ts';
import { everyPage } from '../helpers/paging.ts';
import { type User, useStack } from '../helpers/stack.ts';

const api = useStack();
const { db, join, orgWith, auditOf, expectCountersMatchRows } = memberHelpers(api);

describe('listing members', () => {
  it('lists every member with role, status, teams, joinedAt and invitedBy, filtered by status and role', async () => {
    const { admin, orgId, people } = await orgWith(['member', 'viewer', 'member']);
    await api.as(admin).patch(`/orgs/${orgId}/members/${people[2]?.userId}`, { status: 'suspended' });

    const all = await api.as(people[1] as User).get(`/orgs/${orgId}/members`);
    expect(all.status).toBe(200);
    expect(all.body.items).toHaveLength(4);
    expect(all.body.nextCursor).toBeNull();
    const viewer = all.body.items.find((m: { userId: string }) => m.userId === people[1]?.userId);
    expect(viewer).toMatchObject({
      orgId,
      userId: people[1]?.userId,
      email: people[1]?.email,
      name: 'viewer1',
      role: 'viewer',
      status: 'active',
      teams: [],
      joinedAt: expect.any(String),
      invitedBy: { userId: admin.userId, name: 'Ada' },
    });

    const suspended = await api.as(admin).get(`/orgs/${orgId}/members?status=suspended`);
    expect(suspended.body.items.map((m: { userId: string }) => m.userId)).toEqual([people[2]?.userId]);
    const activeMembers = await api.as(admin).get(`/orgs/${orgId}/members?status=active&role=member`);
    expect(activeMembers.body.items.map((m: { userId: string }) => m.userId)).toEqual([people[0]?.userId]);
    const admins = await api.as(admin).get(`/orgs/${orgId}/members?role=admin,viewer`);
    expect(admins.body.items).toHaveLength(2);
  });

  it('pages with an opaque cursor that cannot be forged or replayed on another org', async () => {
    const { admin, orgId } = await orgWith(['member', 'member', 'viewer', 'member']);
    const pages = await everyPage<{ userId: string }>(api, admin, `/orgs/${orgId}/members?limit=2`);
    const seen = pages.flat().map((m) => m.userId);
    for (const page of pages) expect(page.length).toBeLessThanOrEqual(2);
    expect(pages).toHaveLength(3);
    expect(new Set(seen).size).toBe(5);

    const first = await api.as(admin).get(`/orgs/${orgId}/members?limit=1`);
    const tampered = `${first.body.nextCursor!.slice(0, -2)}xx`;
    expect((await api.as(admin).get(`/orgs/${orgId}/members?cursor=${tampered}`)).body.code).toBe('invalid_cursor');
    const other = await orgWith([]);
    const replay = await api.as(other.admin).get(`/orgs/${other.orgId}/members?cursor=${encodeURIComponent(first.body.nextCursor!)}`);
    expect(replay.status).toBe(400);
    expect(replay.body.code).toBe('invalid_cursor');
    expect((await api.as(admin).get(`/orgs/${orgId}/members?limit=201`)).status).toBe(400);
  });
});

describe('roles and suspension', () => {
  it('an admin promotes a member to admin and the change is audited with from and to', async () => {
    const { admin, orgId, people } = await orgWith(['member']);
    const bob = people[0] as User;

    const r = await api.as(admin).patch(`/orgs/${orgId}/members/${bob.userId}`, { role: 'admin' });

    expect(r.status).toBe(200);
    expect(r.body.member).toMatchObject({ userId: bob.userId, role: 'admin', status: 'active' });
    expect((await api.as(bob).get(`/orgs/${orgId}`)).body.org.counts).toMatchObject({ members: 2, admins: 2 });
    const [event] = await auditOf(orgId, ['member.role_changed']);
    expect(event).toMatchObject({
      type: 'member.role_changed',
      actor: { userId: admin.userId, email: admin.email },
      target: { userId: bob.userId, email: bob.email },
      details: { from: 'member', to: 'admin' },
    });
    await expectCountersMatchRows(orgId);
  });

  it('a suspended member can do nothing in the org but sees it as suspended; reactivation restores role and teams', async () => {
    const { admin, orgId, people } = await orgWith(['member']);
    const bob = people[0] as User;
    const team = (await api.as(admin).post(`/orgs/${orgId}/teams`, { name: 'Core' })).body.team;
    await api.as(admin).put(`/orgs/${orgId}/teams/${team.teamId}/members/${bob.userId}`);

    const s = await api.as(admin).patch(`/orgs/${orgId}/members/${bob.userId}`, { status: 'suspended' });
    expect(s.status).toBe(200);
    expect(s.body.member.status).toBe('suspended');

    for (const attempt of [
      api.as(bob).get(`/orgs/${orgId}`),
      api.as(bob).get(`/orgs/${orgId}/members`),
      api.as(bob).get(`/orgs/${orgId}/teams`),
      api.as(bob).post(`/orgs/${orgId}/leave`),
    ]) {
      const r = await attempt;
      expect(r.status).toBe(404);
      expect(r.body.code).toBe('org_not_found');
    }
    const mine = await api.as(bob).get('/me/organizations');
    expect(mine.body.items).toEqual([expect.objectContaining({ orgId, role: 'member', status: 'suspended' })]);
    const reinvite = await api.invite(admin, orgId, { emails: bob.email });
    expect(reinvite.body.results[0]).toMatchObject({ status: 'member_suspended' });

    const back = await api.as(admin).patch(`/orgs/${orgId}/members/${bob.userId}`, { status: 'active' });
    expect(back.body.member).toMatchObject({ role: 'member', status: 'active', teams: [team.teamId] });
    expect((await api.as(bob).get(`/orgs/${orgId}/teams`)).status).toBe(200);
    expect((await auditOf(orgId, ['member.suspended', 'member.reactivated'])).map((e) => e.type).sort()).toEqual(['member.reactivated', 'member.suspended']);
    expect((await db.item(`ORG#${orgId}`, `CLAIM#${bob.email}`))?.status).toBe('active');
  });

  it('suspending an admin takes them out of the admin count until reactivated', async () => {
    const { admin, orgId, people } = await orgWith(['admin']);
    await api.as(admin).patch(`/orgs/${orgId}/members/${people[0]?.userId}`, { status: 'suspended' });
    expect((await api.as(admin).get(`/orgs/${orgId}`)).body.org.counts).toMatchObject({ members: 2, admins: 1 });
    // with the other admin suspended, the only active admin is the last one
    const r = await api.as(admin).patch(`/orgs/${orgId}/members/${admin.userId}`, { role: 'member' });
    expect(r.body.code).toBe('last_admin');
    await api.as(admin).patch(`/orgs/${orgId}/members/${people[0]?.userId}`, { status: 'active' });
    expect((await api.as(admin).get(`/orgs/${orgId}`)).body.org.counts).toMatchObject({ members: 2, admins: 2 });
    await expectCountersMatchRows(orgId);
  });

  it('a non-admin cannot make anyone an admin, themselves included', async () => {
    const { orgId, people } = await orgWith(['member', 'viewer']);
    const [bob, vic] = people as [User, User];
    expect((await api.as(bob).patch(`/orgs/${orgId}/members/${bob.userId}`, { role: 'admin' })).status).toBe(403);
    expect((await api.as(bob).patch(`/orgs/${orgId}/members/${vic.userId}`, { role: 'admin' })).status).toBe(403);
    expect((await api.invite(bob, orgId, { emails: 'x@example.com', role: 'admin' })).status).toBe(403);
    const members = await api.as(bob).get(`/orgs/${orgId}/members?role=admin`);
    expect(members.body.items).toHaveLength(1);
  });

  it('an unknown member is 404 member_not_found; an empty patch is a 400', async () => {
    const { admin, orgId } = await orgWith([]);
    expect((await api.as(admin).patch(`/orgs/${orgId}/members/usr_nobody`, { role: 'viewer' })).body.code).toBe('member_not_found');
    expect((await api.as(admin).delete(`/orgs/${orgId}/members/usr_nobody`)).body.code).toBe('member_not_found');
    expect((await api.as(admin).patch(`/orgs/${orgId}/members/${admin.userId}`, {})).status).toBe(400);
    expect((await api.as(admin).patch(`/orgs/${orgId}/members/${admin.userId}`, { role: 'owner' })).status).toBe(400);
  });
});

describe('the last admin', () => {
  it('the only admin can neither demote, suspend, remove themselves nor leave', async () => {
    const { admin, orgId } = await orgWith(['member']);
    const attempts = [
      api.as(admin).patch(`/orgs/${orgId}/members/${admin.userId}`, { role: 'member' }),
      api.as(admin).patch(`/orgs/${orgId}/members/${admin.userId}`, { status: 'suspended' }),
      api.as(admin).delete(`/orgs/${orgId}/members/${admin.userId}`),
      api.as(admin).post(`/orgs/${orgId}/leave`),
    ];
    for (const r of await Promise.all(attempts)) {
      expect(r.status).toBe(409);
      expect(r.body.code).toBe('last_admin');
    }
    expect((await api.as(admin).get(`/orgs/${orgId}`)).body.org.counts.admins).toBe(1);
    await expectCountersMatchRows(orgId);
  });

  it('two admins demoting each other at the same moment leave exactly one admin', async () => {
    for (let round = 0; round < 3; round++) {
      const { admin, orgId, people } = await orgWith(['admin']);
      const bea = people[0] as User;

      const [a, b] = await Promise.all([
        api.as(admin).patch(`/orgs/${orgId}/members/${bea.userId}`, { role: 'member' }),
        api.as(bea).patch(`/orgs/${orgId}/members/${admin.userId}`, { role: 'member' }),
      ]);

      expect([a.status, b.status].filter((s) => s === 200)).toHaveLength(1);
      const admins = (await api.as(a.status === 200 ? admin : bea).get(`/orgs/${orgId}/members?role=admin`)).body.items;
      expect(admins).toHaveLength(1);
      await expectCountersMatchRows(orgId);
    }
  });

  it('two admins who both try to leave at once cannot both go', async () => {
    const { admin, orgId, people } = await orgWith(['admin']);
    const [a, b] = await Promise.all([api.as(admin).post(`/orgs/${orgId}/leave`), api.as(people[0] as User).post(`/orgs/${orgId}/leave`)]);
    expect([a.status, b.status].sort()).toEqual([204, 409]);
    await expectCountersMatchRows(orgId);
  });
});

describe('removing and leaving', () => {
  it('a removed member loses access, their teams and their email claim; invited again they start fresh', async () => {
    const { admin, orgId, people } = await orgWith(['admin']);
    const bob = people[0] as User;
    const team = (await api.as(admin).post(`/orgs/${orgId}/teams`, { name: 'Ops' })).body.team;
    await api.as(admin).put(`/orgs/${orgId}/teams/${team.teamId}/members/${bob.userId}`);

    const r = await api.as(admin).delete(`/orgs/${orgId}/members/${bob.userId}`);

    expect(r.status).toBe(204);
    expect((await api.as(bob).get(`/orgs/${orgId}`)).status).toBe(404);
    expect(await db.item(`ORG#${orgId}`, `TEAMMEMBER#${team.teamId}#${bob.userId}`)).toBeUndefined();
    expect(await db.item(`ORG#${orgId}`, `CLAIM#${bob.email}`)).toBeUndefined();
    const teams = (await api.as(admin).get(`/orgs/${orgId}/teams`)).body.items;
    expect(teams[0]).toMatchObject({ teamId: team.teamId, memberCount: 0 });
    expect((await api.as(admin).get(`/orgs/${orgId}`)).body.org.counts).toMatchObject({ members: 1, admins: 1 });
    const [removed] = await auditOf(orgId, ['member.removed']);
    expect(removed).toMatchObject({ target: { userId: bob.userId }, details: { role: 'admin', teams: [team.teamId] } });

    const again = await join(admin, orgId, bob, 'viewer');
    expect(again).toMatchObject({ role: 'viewer', status: 'active', teams: [] });
    await expectCountersMatchRows(orgId);
  });

  it('a member leaves the org and is no longer in it', async () => {
    const { orgId, people } = await orgWith(['member']);
    const bob = people[0] as User;
    expect((await api.as(bob).post(`/orgs/${orgId}/leave`)).status).toBe(204);
    expect((await api.as(bob).get(`/orgs/${orgId}`)).status).toBe(404);
    expect((await api.as(bob).get('/me/organizations')).body.items).toEqual([]);
    expect((await auditOf(orgId, ['member.left']))[0]).toMatchObject({ actor: { userId: bob.userId }, target: { userId: bob.userId } });
    await expectCountersMatchRows(orgId);
  });

  it('a removal and a role change of the same member at once end consistent', async () => {
    for (let round = 0; round < 3; round++) {
      const { admin, orgId, people } = await orgWith(['admin', 'member']);
      const [bea, bob] = people as [User, User];

      const [removed, changed] = await Promise.all([
        api.as(admin).delete(`/orgs/${orgId}/members/${bob.userId}`),
        api.as(bea).patch(`/orgs/${orgId}/members/${bob.userId}`, { role: 'admin' }),
      ]);

      expect(removed.status).toBe(204);
      expect([200, 404]).toContain(changed.status);
      expect(await db.item(`ORG#${orgId}`, `MEMBER#${bob.userId}`)).toBeUndefined();
      await expectCountersMatchRows(orgId);
    }
  });
});

describe('authority does not outlive its holder', () => {
  it('demoting an admin revokes the invitations they sent, audited with the reason', async () => {
    const { admin, orgId, people } = await orgWith(['admin']);
    const bea = people[0] as User;
    const x = await api.user('X');
    const sent = await api.invite(bea, orgId, { emails: x.email, role: 'admin' });
    const invitationId = sent.body.results[0]!.invitationId;
    const token = await db.linkToken(orgId, invitationId!);

    await api.as(admin).patch(`/orgs/${orgId}/members/${bea.userId}`, { role: 'member' });

    const inv = await api.as(admin).get(`/orgs/${orgId}/invitations/${invitationId}`);
    expect(inv.body.invitation).toMatchObject({ status: 'revoked', revokedBy: admin.userId });
    const [event] = await auditOf(orgId, ['invitation.revoked']);
    expect(event).toMatchObject({ target: { invitationId }, details: { reason: 'inviter_demoted', inviter: bea.userId } });
    const accept = await api.as(x).post('/invitations/accept', { token });
    expect(accept.status).toBe(410);
    expect(accept.body.code).toBe('invitation_revoked');
    expect((await api.as(admin).get(`/orgs/${orgId}`)).body.org.counts.pendingInvitations).toBe(0);
  });

  it('more invitations than one transaction holds are all revoked when their sender is removed', async () => {
    const { admin, orgId, people } = await orgWith(['admin']);
    const bea = people[0] as User;
    const emails = Array.from({ length: 45 }, (_, i) => `bulk${i}.${orgId.slice(-6)}@example.com`);
    expect((await api.invite(bea, orgId, { emails, sendEmail: false })).status).toBe(201);

    expect((await api.as(admin).delete(`/orgs/${orgId}/members/${bea.userId}`)).status).toBe(204);

    const pending = await api.as(admin).get(`/orgs/${orgId}/invitations?status=pending`);
    expect(pending.body.items).toEqual([]);
    expect((await api.as(admin).get(`/orgs/${orgId}/invitations?status=revoked&limit=200`)).body.items).toHaveLength(45);
    expect((await db.item(`ORG#${orgId}`, 'ORG'))?.pendingCount).toBe(0);
    expect(await auditOf(orgId, ['invitation.revoked'])).toHaveLength(45);
  });

  it('an invitation whose sender is no longer an admin admits nobody, even before it was revoked', async () => {
    const { admin, orgId, people } = await orgWith(['admin']);
    const bea = people[0] as User;
    const x = await api.user('X');
    const sent = await api.invite(bea, orgId, { emails: x.email, role: 'member' });
    const token = await db.linkToken(orgId, sent.body.results[0]!.invitationId!);
    // the demotion lands but the revocation has not (as after a crash between follow-up transactions)
    await db.set(`ORG#${orgId}`, `MEMBER#${bea.userId}`, { role: 'member' });

    const r = await api.as(x).post('/invitations/accept', { token });

    expect(r.status).toBe(410);
    expect(r.body.code).toBe('invitation_revoked');
    expect(await db.item(`ORG#${orgId}`, `MEMBER#${x.userId}`)).toBeUndefined();
    const inv = await api.as(admin).get(`/orgs/${orgId}/invitations/${sent.body.results[0]!.invitationId}`);
    expect(inv.body.invitation.status).toBe('revoked');
  });
});

describe('my organizations', () => {
  it('a person in several orgs sees each with their role and status', async () => {
    const bob = await api.user('Bob');
    const a = await api.user('A');
    const b = await api.user('B');
    const orgA = await api.createOrg(a, { name: 'Alpha' });
    const orgB = await api.createOrg(b, { name: 'Beta' });
    const own = await api.createOrg(bob, { name: 'Gamma' });
    await join(a, orgA.orgId, bob, 'viewer');
    await join(b, orgB.orgId, bob, 'member');
    await api.as(b).patch(`/orgs/${orgB.orgId}/members/${bob.userId}`, { status: 'suspended' });

    const r = await api.as(bob).get('/me/organizations');

    expect(r.status).toBe(200);
    expect(r.body.items.map((o: Record<string, unknown>) => [o.orgId, o.name, o.role, o.status])).toEqual([
      [orgA.orgId, 'Alpha', 'viewer', 'active'],
      [orgB.orgId, 'Beta', 'member', 'suspended'],
      [own.orgId, 'Gamma', 'admin', 'active'],
    ]);
  });
});
