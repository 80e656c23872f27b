import { afterAll, describe, expect, it } from 'vitest';
import { direct } from '../helpers/direct.ts';
import { type User, useStack } from '../helpers/stack.ts';

const api = useStack();
const db = direct(api);
const DAY = 86_400;

async function invite(admin: User, orgId: string, user: User, role: string, teams: string[] = []) {
  const inv = await api.invite(admin, orgId, { emails: user.email, role, teams });
  expect(inv.status).toBe(201);
  const r = await api.as(user).post('/invitations/accept', { token: await api.linkTokenFor(user.email) });
  expect(r.status).toBe(200);
  return r.body.membership;
}

describe('a month in the life of an org', () => {
  afterAll(async () => {
    await api.setClock(0);
  });

  it('an admin promotes, suspends, reactivates, moves, removes and re-invites, and every step is in the data', async () => {
    // Day 1: Ada sets up two teams and invites three people
    const ada = await api.user('Ada');
    const [bea, carl, dana] = [await api.user('Bea'), await api.user('Carl'), await api.user('Dana')];
    const { orgId } = await api.createOrg(ada, { name: 'Northwind' });
    const web = (await api.as(ada).post(`/orgs/${orgId}/teams`, { name: 'Web' })).body.team.teamId;
    const data = (await api.as(ada).post(`/orgs/${orgId}/teams`, { name: 'Data' })).body.team.teamId;
    await invite(ada, orgId, bea, 'member', [web]);
    await invite(ada, orgId, carl, 'member', [web, data]);
    await invite(ada, orgId, dana, 'viewer', [data]);

    // Day 3: Bea becomes the second admin
    await api.setClock(2 * DAY);
    expect((await api.as(ada).patch(`/orgs/${orgId}/members/${bea.userId}`, { role: 'admin' })).status).toBe(200);

    // Day 8: Carl is suspended while on leave; he sees the org only as suspended
    await api.setClock(7 * DAY);
    expect((await api.as(bea).patch(`/orgs/${orgId}/members/${carl.userId}`, { status: 'suspended' })).status).toBe(200);
    expect((await api.as(carl).get(`/orgs/${orgId}/members`)).status).toBe(404);
    expect((await api.as(carl).get('/me/organizations')).body.items[0]).toMatchObject({ orgId, status: 'suspended' });

    // Day 15: Carl is back, with his role and teams
    await api.setClock(14 * DAY);
    const back = await api.as(ada).patch(`/orgs/${orgId}/members/${carl.userId}`, { status: 'active' });
    expect(back.body.member).toMatchObject({ role: 'member', teams: [web, data] });

    // Day 20: Dana moves from Data to Web
    await api.setClock(19 * DAY);
    expect((await api.as(ada).put(`/orgs/${orgId}/teams/${web}/members/${dana.userId}`)).status).toBe(204);
    expect((await api.as(ada).delete(`/orgs/${orgId}/teams/${data}/members/${dana.userId}`)).status).toBe(204);

    // Day 25: Carl leaves the company and is removed; day 28 he is invited back as a viewer and starts fresh
    await api.setClock(24 * DAY);
    expect((await api.as(bea).delete(`/orgs/${orgId}/members/${carl.userId}`)).status).toBe(204);
    await api.setClock(27 * DAY);
    const again = await invite(ada, orgId, carl, 'viewer');
    expect(again).toMatchObject({ role: 'viewer', teams: [] });

    // Day 30: Bea leaves; Ada, now the only admin, cannot
    await api.setClock(29 * DAY);
    expect((await api.as(bea).post(`/orgs/${orgId}/leave`)).status).toBe(204);
    expect((await api.as(ada).post(`/orgs/${orgId}/leave`)).body.code).toBe('last_admin');

    // The state at the end of the month
    const members = (await api.as(ada).get(`/orgs/${orgId}/members`)).body.items;
    expect(members.map((m: Record<string, unknown>) => [m.name, m.role, m.status, m.teams]).sort()).toEqual([
      ['Ada', 'admin', 'active', []],
      ['Carl', 'viewer', 'active', []],
      ['Dana', 'viewer', 'active', [web]],
    ]);
    const teams = (await api.as(ada).get(`/orgs/${orgId}/teams`)).body.items;
    expect(Object.fromEntries(teams.map((t: { name: string; memberCount: number }) => [t.name, t.memberCount]))).toEqual({ Web: 1, Data: 0 });
    expect((await api.as(ada).get(`/orgs/${orgId}`)).body.org.counts).toMatchObject({ members: 3, admins: 1 });

    // ...and the month as the audit trail tells it, oldest first
    const trail = (await api.stack.runtime.deps.audit.list(orgId, { types: ['member.*', 'team.*'] }, { limit: 200 })).items.reverse();
    expect(trail.map((e) => e.type)).toEqual([
      'team.created',
      'team.created',
      'member.added',
      'member.added',
      'member.added',
      'member.role_changed',
      'member.suspended',
      'member.reactivated',
      'team.member_added',
      'team.member_removed',
      'member.removed',
      'member.added',
      'member.left',
    ]);
    expect(trail.find((e) => e.type === 'member.role_changed')).toMatchObject({
      actor: { userId: ada.userId },
      target: { userId: bea.userId },
      details: { from: 'member', to: 'admin' },
    });
    const org = await db.item(`ORG#${orgId}`, 'ORG');
    expect([org?.memberCount, org?.adminCount]).toEqual([3, 1]);
  });
});
