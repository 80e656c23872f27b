import { describe, expect, it } from 'vitest';
import { direct } from '../helpers/direct.ts';
import { everyPage } from '../helpers/paging.ts';
import { type User, useStack } from '../helpers/stack.ts';

const api = useStack();
const db = direct(api);

const join = db.join.bind(db);

async function setup(n = 2) {
  const admin = await api.user('Ada');
  const org = await api.createOrg(admin);
  const people: User[] = [];
  for (let i = 0; i < n; i++) {
    const u = await api.user(`Person${i}`);
    await join(admin, org.orgId, u);
    people.push(u);
  }
  return { admin, orgId: org.orgId as string, people };
}

const teamsOf = async (admin: User, orgId: string) => (await api.as(admin).get(`/orgs/${orgId}/teams`)).body.items;
const auditOf = async (orgId: string, types: string[]) => (await api.stack.runtime.deps.audit.list(orgId, { types }, { limit: 200 })).items;

describe('teams', () => {
  it('an admin creates, renames, lists and deletes teams, each step audited', async () => {
    const { admin, orgId, people } = await setup(1);

    const created = await api.as(admin).post(`/orgs/${orgId}/teams`, { name: '  Platform ' });
    expect(created.status).toBe(201);
    expect(created.body.team).toEqual({ teamId: expect.stringMatching(/^team_/), orgId, name: 'Platform', memberCount: 0, createdAt: expect.any(String) });
    const { teamId } = created.body.team;
    await api.as(admin).post(`/orgs/${orgId}/teams`, { name: 'Design' });

    const renamed = await api.as(admin).patch(`/orgs/${orgId}/teams/${teamId}`, { name: 'Infrastructure' });
    expect(renamed.body.team.name).toBe('Infrastructure');
    const listed = await api.as(people[0] as User).get(`/orgs/${orgId}/teams`);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((t: { name: string }) => t.name).sort()).toEqual(['Design', 'Infrastructure']);

    expect((await api.as(admin).delete(`/orgs/${orgId}/teams/${teamId}`)).status).toBe(204);
    expect((await teamsOf(admin, orgId)).map((t: { name: string }) => t.name)).toEqual(['Design']);
    expect((await api.as(admin).delete(`/orgs/${orgId}/teams/${teamId}`)).body.code).toBe('team_not_found');
    expect((await api.as(admin).patch(`/orgs/${orgId}/teams/${teamId}`, { name: 'x' })).body.code).toBe('team_not_found');
    expect((await auditOf(orgId, ['team.*'])).map((e) => e.type).sort()).toEqual(['team.created', 'team.created', 'team.deleted', 'team.renamed']);
  });

  it('creating a team with an Idempotency-Key twice creates it once', async () => {
    const { admin, orgId } = await setup(0);
    const first = await api.as(admin).post(`/orgs/${orgId}/teams`, { name: 'Once' }, { 'idempotency-key': 'team-once-1' });
    const again = await api.as(admin).post(`/orgs/${orgId}/teams`, { name: 'Once' }, { 'idempotency-key': 'team-once-1' });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.team.teamId).toBe(first.body.team.teamId);
    expect(await teamsOf(admin, orgId)).toHaveLength(1);
  });

  it('a team name must be 1..100 characters', async () => {
    const { admin, orgId } = await setup(0);
    expect((await api.as(admin).post(`/orgs/${orgId}/teams`, { name: '   ' })).status).toBe(400);
    expect((await api.as(admin).post(`/orgs/${orgId}/teams`, { name: 'x'.repeat(101) })).status).toBe(400);
    expect((await api.as(admin).post(`/orgs/${orgId}/teams`, { name: 'ok', extra: 1 })).status).toBe(400);
  });

  it('members are added to and removed from teams, and the counts follow', async () => {
    const { admin, orgId, people } = await setup(2);
    const [p0, p1] = people as [User, User];
    const team = (await api.as(admin).post(`/orgs/${orgId}/teams`, { name: 'Core' })).body.team;
    const path = (u: User) => `/orgs/${orgId}/teams/${team.teamId}/members/${u.userId}`;

    expect((await api.as(admin).put(path(p0))).status).toBe(204);
    expect((await api.as(admin).put(path(p0))).status).toBe(204); // adding twice changes nothing
    expect((await api.as(admin).put(path(p1))).status).toBe(204);
    expect((await teamsOf(admin, orgId))[0]!.memberCount).toBe(2);
    const inTeam = await api.as(p0).get(`/orgs/${orgId}/members?teamId=${team.teamId}`);
    expect(inTeam.body.items.map((m: { userId: string }) => m.userId).sort()).toEqual([p0.userId, p1.userId].sort());
    expect(inTeam.body.items[0]!.teams).toEqual([team.teamId]);

    expect((await api.as(admin).delete(path(p0))).status).toBe(204);
    expect((await api.as(admin).delete(path(p0))).status).toBe(204);
    expect((await teamsOf(admin, orgId))[0]!.memberCount).toBe(1);
    const after = await api.as(admin).get(`/orgs/${orgId}/members?teamId=${team.teamId}`);
    expect(after.body.items.map((m: { userId: string }) => m.userId)).toEqual([p1.userId]);
    expect(await db.item(`ORG#${orgId}`, `TEAMMEMBER#${team.teamId}#${p0.userId}`)).toBeUndefined();
    expect((await auditOf(orgId, ['team.member_added', 'team.member_removed'])).map((e) => e.type).sort()).toEqual([
      'team.member_added',
      'team.member_added',
      'team.member_removed',
    ]);
  });

  it('the members of one team page like any list, and a suspended member is filtered out on request', async () => {
    const { admin, orgId, people } = await setup(4);
    const team = (await api.as(admin).post(`/orgs/${orgId}/teams`, { name: 'Paged' })).body.team;
    for (const u of people) await api.as(admin).put(`/orgs/${orgId}/teams/${team.teamId}/members/${u.userId}`);
    await api.as(admin).patch(`/orgs/${orgId}/members/${people[0]?.userId}`, { status: 'suspended' });

    const pages = await everyPage<{ userId: string }>(api, admin, `/orgs/${orgId}/members?teamId=${team.teamId}&status=active&limit=2`);
    const seen = pages.flat().map((m) => m.userId);

    expect(seen.sort()).toEqual(
      people
        .slice(1)
        .map((u) => u.userId)
        .sort(),
    );
  });

  it('only members of the org can join its teams; unknown teams are 404', async () => {
    const { admin, orgId } = await setup(0);
    const outsider = await api.user('Outsider');
    const team = (await api.as(admin).post(`/orgs/${orgId}/teams`, { name: 'Core' })).body.team;
    const r = await api.as(admin).put(`/orgs/${orgId}/teams/${team.teamId}/members/${outsider.userId}`);
    expect(r.status).toBe(404);
    expect(r.body.code).toBe('member_not_found');
    expect(await db.item(`ORG#${orgId}`, `TEAMMEMBER#${team.teamId}#${outsider.userId}`)).toBeUndefined();
    expect((await api.as(admin).put(`/orgs/${orgId}/teams/team_nope/members/${admin.userId}`)).body.code).toBe('team_not_found');
    expect((await api.as(admin).get(`/orgs/${orgId}/members?teamId=team_nope`)).body.code).toBe('team_not_found');
  });

  it('deleting a team ends its memberships but never the members', async () => {
    const { admin, orgId, people } = await setup(2);
    const [p0, p1] = people as [User, User];
    const core = (await api.as(admin).post(`/orgs/${orgId}/teams`, { name: 'Core' })).body.team;
    const other = (await api.as(admin).post(`/orgs/${orgId}/teams`, { name: 'Other' })).body.team;
    for (const u of [p0, p1]) await api.as(admin).put(`/orgs/${orgId}/teams/${core.teamId}/members/${u.userId}`);
    await api.as(admin).put(`/orgs/${orgId}/teams/${other.teamId}/members/${p0.userId}`);

    expect((await api.as(admin).delete(`/orgs/${orgId}/teams/${core.teamId}`)).status).toBe(204);

    const members = (await api.as(admin).get(`/orgs/${orgId}/members`)).body.items;
    expect(members).toHaveLength(3);
    expect(members.find((m: { userId: string }) => m.userId === p0.userId)!.teams).toEqual([other.teamId]);
    expect(members.find((m: { userId: string }) => m.userId === p1.userId)!.teams).toEqual([]);
    const leftovers = (await db.partition(`ORG#${orgId}`)).filter((i) => String(i.SK).startsWith(`TEAMMEMBER#${core.teamId}#`));
    expect(leftovers).toEqual([]);
    expect((await auditOf(orgId, ['team.deleted']))[0]).toMatchObject({ target: { teamId: core.teamId }, details: { name: 'Core', memberCount: 2 } });
  });

  it('a team with more members than one transaction holds is emptied completely when deleted', async () => {
    const { admin, orgId } = await setup(0);
    const team = (await api.as(admin).post(`/orgs/${orgId}/teams`, { name: 'Everyone' })).body.team;
    // 90 members: more than two release chunks; added through the store to keep the test fast
    const deps = api.stack.runtime.deps;
    const org = (await deps.orgs.getWithMember(orgId, admin.userId)).org as NonNullable<Awaited<ReturnType<typeof deps.orgs.getWithMember>>['org']>;
    const at = new Date().toISOString();
    for (let i = 0; i < 90; i++) {
      const userId = `usr_bulk${i}`;
      const outcome = await deps.members.addDirect({
        org,
        actorAdminId: admin.userId,
        memberLimit: null,
        member: {
          orgId,
          userId,
          email: `bulk${i}@example.com`,
          name: `Bulk ${i}`,
          role: 'member',
          status: 'active',
          teams: [team.teamId],
          joinedAt: at,
          invitedBy: null,
        },
        event: { eventId: `evt_bulk${i}`, orgId, type: 'member.added', at, actor: { system: true }, target: { userId }, details: {} },
      });
      expect(outcome).toBe('added');
    }
    expect((await teamsOf(admin, orgId))[0]!.memberCount).toBe(90);

    expect((await api.as(admin).delete(`/orgs/${orgId}/teams/${team.teamId}`)).status).toBe(204);

    const items = await db.partition(`ORG#${orgId}`);
    expect(items.filter((i) => String(i.SK).startsWith('TEAMMEMBER#'))).toEqual([]);
    expect(items.filter((i) => String(i.SK).startsWith('MEMBER#') && (i.teams as string[]).length > 0)).toEqual([]);
    expect(items.filter((i) => String(i.SK).startsWith('MEMBER#'))).toHaveLength(91);
    expect(await db.item(`ORG#${orgId}`, `TEAM#${team.teamId}`)).toBeUndefined();
  }, 120_000);

  it('an invitation with teams puts the new member in those teams when accepted', async () => {
    const { admin, orgId } = await setup(0);
    const a = (await api.as(admin).post(`/orgs/${orgId}/teams`, { name: 'A' })).body.team;
    const b = (await api.as(admin).post(`/orgs/${orgId}/teams`, { name: 'B' })).body.team;
    const bob = await api.user('Bob');

    const membership = await join(admin, orgId, bob, 'member', { teams: [a.teamId, b.teamId] });

    expect(membership.teams).toEqual([a.teamId, b.teamId]);
    expect((await teamsOf(admin, orgId)).map((t: { memberCount: number }) => t.memberCount)).toEqual([1, 1]);
    expect(await db.item(`ORG#${orgId}`, `TEAMMEMBER#${a.teamId}#${bob.userId}`)).toBeDefined();
  });

  it('a team deleted between invitation and acceptance is skipped, the others are kept', async () => {
    const { admin, orgId } = await setup(0);
    const a = (await api.as(admin).post(`/orgs/${orgId}/teams`, { name: 'A' })).body.team;
    const b = (await api.as(admin).post(`/orgs/${orgId}/teams`, { name: 'B' })).body.team;
    const bob = await api.user('Bob');
    const inv = await api.invite(admin, orgId, { emails: bob.email, teams: [a.teamId, b.teamId] });
    await api.as(admin).delete(`/orgs/${orgId}/teams/${a.teamId}`);

    const r = await api.as(bob).post('/invitations/accept', { token: await db.linkToken(orgId, inv.body.results[0]!.invitationId!) });

    expect(r.body.membership.teams).toEqual([b.teamId]);
    expect(await db.item(`ORG#${orgId}`, `TEAMMEMBER#${a.teamId}#${bob.userId}`)).toBeUndefined();
  });

  it('a member can be in at most 40 teams, so removing them always fits one transaction', async () => {
    const { admin, orgId, people } = await setup(1);
    const bob = people[0] as User;
    const teamIds: string[] = [];
    for (let i = 0; i < 41; i++) teamIds.push((await api.as(admin).post(`/orgs/${orgId}/teams`, { name: `T${i}` })).body.team.teamId);
    for (const teamId of teamIds.slice(0, 40)) {
      expect((await api.as(admin).put(`/orgs/${orgId}/teams/${teamId}/members/${bob.userId}`)).status).toBe(204);
    }

    const r = await api.as(admin).put(`/orgs/${orgId}/teams/${teamIds[40]}/members/${bob.userId}`);

    expect(r.status).toBe(409);
    expect(r.body.code).toBe('team_limit_reached');
    expect((await api.invite(admin, orgId, { emails: 'many@example.com', teams: teamIds })).status).toBe(400);
    expect((await api.as(admin).delete(`/orgs/${orgId}/members/${bob.userId}`)).status).toBe(204);
    expect((await db.partition(`ORG#${orgId}`)).filter((i) => String(i.SK).startsWith('TEAMMEMBER#'))).toEqual([]);
  }, 120_000);

  it('inviting into a team that does not exist is a 400 and writes nothing', async () => {
    const { admin, orgId } = await setup(0);
    const a = (await api.as(admin).post(`/orgs/${orgId}/teams`, { name: 'A' })).body.team;
    const r = await api.invite(admin, orgId, { emails: 'new@example.com', teams: [a.teamId, 'team_typo'] });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('unknown_teams');
    expect(r.body.errors).toEqual([{ path: 'body.teams.1', message: expect.stringContaining('team_typo') }]);
    expect((await api.as(admin).get(`/orgs/${orgId}/invitations`)).body.items).toEqual([]);
  });

  it('a removal while the member is being moved between teams leaves no stray team membership', async () => {
    for (let round = 0; round < 3; round++) {
      const { admin, orgId, people } = await setup(1);
      const bob = people[0] as User;
      const team = (await api.as(admin).post(`/orgs/${orgId}/teams`, { name: 'T' })).body.team;

      const [added, removed] = await Promise.all([
        api.as(admin).put(`/orgs/${orgId}/teams/${team.teamId}/members/${bob.userId}`),
        api.as(admin).delete(`/orgs/${orgId}/members/${bob.userId}`),
      ]);

      expect(removed.status).toBe(204);
      expect([204, 404]).toContain(added.status);
      expect(await db.item(`ORG#${orgId}`, `TEAMMEMBER#${team.teamId}#${bob.userId}`)).toBeUndefined();
      expect((await teamsOf(admin, orgId))[0]!.memberCount).toBe(0);
    }
  });
  it('an admin adds themself to a team and leaves it again: the admin check and the write are on one row', async () => {
    const { admin, orgId } = await setup(0);
    const team = (await api.as(admin).post(`/orgs/${orgId}/teams`, { name: 'Self' })).body.team;
    const added = await api.as(admin).put(`/orgs/${orgId}/teams/${team.teamId}/members/${admin.userId}`);
    const member = (await api.as(admin).get(`/orgs/${orgId}/members/${admin.userId}`)).body.member as { teams: string[] };
    const removed = await api.as(admin).delete(`/orgs/${orgId}/teams/${team.teamId}/members/${admin.userId}`);
    expect(added.status).toBe(204);
    expect(member.teams).toEqual([team.teamId]);
    expect(removed.status).toBe(204);
    expect((await teamsOf(admin, orgId))[0]!.memberCount).toBe(0);
  });
});
