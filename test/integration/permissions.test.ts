import { decodeJwt } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { routes, scopes } from '../../functions/http/routes.ts';
import { direct } from '../helpers/direct.ts';
import { type User, useStack } from '../helpers/stack.ts';

/**
 * Who may do what, as a matrix: every route in the route table x every kind of caller, with the
 * status the contract promises. It iterates over `routes`, so a route added without a row here
 * fails this test until someone decides, and writes down, who may call it.
 */
const api = useStack({ identityProvider: true });
const db = direct(api);

/**
 * `ended`: an admin whose accessUntil has passed, their membership still stored (the removal has not run).
 * `service`: a service principal (a backend's client-credentials token from the local OpenID provider)
 * holding every scope: it may call exactly the routes the route table gives a scope, as an admin
 * (docs/adr/service-principals.md); test/integration/service-principals.test.ts covers missing scopes.
 */
const callers = ['anonymous', 'outsider', 'suspended', 'ended', 'viewer', 'member', 'service', 'admin'] as const;
type Caller = (typeof callers)[number];

interface Fixture {
  orgId: string;
  admin: User;
  as: Record<Exclude<Caller, 'anonymous' | 'service'>, User>;
  serviceToken: string;
  /** an ordinary member that admin-only routes act on */
  target: User;
  teamId: string;
  /** a pending invitation sent without email (so a resend is not throttled) */
  invitationId: string;
}

interface Row {
  /** Path parameters beyond the fixture's, or a body; `prepare` runs once before the six calls. */
  prepare?: (f: Fixture) => Promise<Record<string, string>>;
  body?: (f: Fixture, caller: Caller) => unknown;
  query?: string;
  /** `prepare` runs before each caller's call instead of once: a call that succeeds consumes what it prepared (a removal, a revocation). */
  prepareEach?: boolean;
  /** Leaving or removing changes who is in the org: such rows get an org of their own. */
  ownOrg?: boolean;
  expect: Record<Caller, number>;
}

const FAKE_TOKEN = 'A'.repeat(43);
// `service`: 403 insufficient_scope unless the route has a scope, then what an admin gets
const adminOnly = (ok: number, service = 403) => ({ anonymous: 401, outsider: 404, suspended: 404, ended: 404, viewer: 403, member: 403, service, admin: ok });
const anyMember = (ok: number, service = 403) => ({ anonymous: 401, outsider: 404, suspended: 404, ended: 404, viewer: ok, member: ok, service, admin: ok });
const signedIn = (ok: number) => ({ anonymous: 401, outsider: ok, suspended: ok, ended: ok, viewer: ok, member: ok, service: 403, admin: ok });
/** Public routes: no token is needed, and a service's is ignored like a user's. */
const everyone = (status: number) => ({
  anonymous: status,
  outsider: status,
  suspended: status,
  ended: status,
  viewer: status,
  member: status,
  service: status,
  admin: status,
});

const matrix: Record<string, Row> = {
  Health: { expect: everyone(200) },
  GetOpenApiDocument: { expect: everyone(200) },
  GetApiReference: { expect: everyone(200) },
  // a service creates an org for one of its users, whom it must name (service-writes.test.ts has the rules)
  CreateOrg: {
    body: (f, caller) => ({ name: 'Another', ...(caller === 'service' ? { owner: { userId: f.target.userId, email: f.target.email } } : {}) }),
    expect: { ...signedIn(201), service: 201 },
  },
  GetOrg: { expect: anyMember(200, 200) },
  UpdateOrg: { body: () => ({ name: 'Acme' }), expect: adminOnly(200, 200) },
  PreviewOrgEmail: { query: '?kind=invitation&locale=de', expect: adminOnly(200, 200) },
  // the service reaches the confirmation (a wrong one, so the org is left for the admin's call after it);
  // service-admin-writes.test.ts has its deletion
  DeleteOrg: { ownOrg: true, body: (_, caller) => ({ confirm: caller === 'service' ? 'Not Acme' : 'Acme' }), expect: adminOnly(204, 400) },
  InviteMembers: { body: () => ({ emails: `new.${Math.random().toString(36).slice(2)}@example.com` }), expect: adminOnly(201, 201) },
  ListInvitations: { expect: adminOnly(200, 200) },
  GetInvitation: { expect: adminOnly(200, 200) },
  ResendInvitation: { prepareEach: true, prepare: async (f) => ({ invitationId: await newInvitation(f) }), expect: adminOnly(200, 200) },
  RevokeInvitation: { prepareEach: true, prepare: async (f) => ({ invitationId: await newInvitation(f) }), expect: adminOnly(200, 200) },
  // the token is checked before anything else: an unknown one is 404 for everyone
  PreviewInvitation: {
    query: `?token=${FAKE_TOKEN}`,
    expect: everyone(404),
  },
  AcceptInvitation: { body: () => ({ token: FAKE_TOKEN }), expect: signedIn(404) },
  DeclineInvitation: { body: () => ({ token: FAKE_TOKEN }), expect: signedIn(404) },
  RequestNewInvitation: { body: () => ({ token: FAKE_TOKEN }), expect: signedIn(404) },
  ListMyInvitations: { expect: signedIn(200) },
  AcceptMyInvitation: { prepare: async () => ({ invitationId: 'inv_nope' }), expect: signedIn(404) },
  AcceptAllMyInvitations: { expect: signedIn(200) },
  GetMe: { expect: signedIn(200) },
  // everyone may erase themselves; the fixture's admin is not the last one (Admin2), so it may too
  DeleteMe: { ownOrg: true, expect: signedIn(204) },
  SetPrimaryContact: { body: (f) => ({ userId: f.target.userId }), expect: adminOnly(200, 200) },
  ListMyOrganizations: { expect: signedIn(200) },
  ListMembers: { expect: anyMember(200, 200) },
  GetMember: { expect: anyMember(200, 200) },
  // a member's own email settings are theirs to change: 'every member with access sets their own ...' below
  UpdateMember: { prepare: async (f) => ({ userId: f.target.userId }), body: () => ({ role: 'member' }), expect: adminOnly(200, 200) },
  RemoveMember: {
    prepareEach: true,
    prepare: async (f) => ({ userId: (await join(f.admin, f.orgId, await api.user('Victim'), 'member')).userId }),
    expect: adminOnly(204, 204),
  },
  // a suspended member cannot even leave: the org is invisible to them
  LeaveOrg: { ownOrg: true, expect: anyMember(204) },
  // the signed link is the credential, whoever calls: a token that is not a membership's leaves nothing (abuse.test.ts attacks it)
  LeaveByLink: {
    body: () => ({ token: FAKE_TOKEN }),
    expect: everyone(404),
  },
  CreateTeam: { body: () => ({ name: 'New team' }), expect: adminOnly(201, 201) },
  ListTeams: { expect: { anonymous: 401, outsider: 404, suspended: 404, ended: 404, viewer: 403, member: 200, service: 200, admin: 200 } },
  RenameTeam: { body: () => ({ name: 'Renamed' }), expect: adminOnly(200, 200) },
  DeleteTeam: { prepareEach: true, prepare: async (f) => ({ teamId: await newTeam(f) }), expect: adminOnly(204, 204) },
  AddTeamMember: { prepare: async (f) => ({ userId: f.target.userId }), expect: adminOnly(204, 204) },
  RemoveTeamMember: {
    prepare: async (f) => {
      const teamId = await newTeam(f);
      await api.as(f.admin).put(`/orgs/${f.orgId}/teams/${teamId}/members/${f.target.userId}`);
      return { teamId, userId: f.target.userId };
    },
    expect: adminOnly(204, 204),
  },
  // auto-join is off in the fixture: outsiders are told so, members that they are members already
  JoinOrg: { expect: { anonymous: 401, outsider: 403, suspended: 409, ended: 403, viewer: 409, member: 409, service: 403, admin: 409 } },
  ListJoinableOrgs: { expect: signedIn(200) },
  ListAuditEvents: { expect: adminOnly(200, 200) },
  CreateJoinLink: { body: () => ({ role: 'member' }), expect: adminOnly(201, 201) },
  ListJoinLinks: { expect: adminOnly(200, 200) },
  RevokeJoinLink: { prepareEach: true, prepare: async (f) => ({ linkId: await newJoinLink(f, false) }), expect: adminOnly(204, 204) },
  // the token is the credential: one that is not a link's is 404 for everyone
  PreviewJoinLink: {
    query: `?token=${FAKE_TOKEN}`,
    expect: everyone(404),
  },
  AcceptJoinLink: { body: () => ({ token: FAKE_TOKEN }), expect: signedIn(404) },
  ListJoinRequests: { expect: adminOnly(200, 200) },
  ApproveJoinRequest: { prepareEach: true, prepare: async (f) => ({ requestId: await newJoinRequest(f) }), expect: adminOnly(200, 200) },
  DenyJoinRequest: { prepareEach: true, prepare: async (f) => ({ requestId: await newJoinRequest(f) }), expect: adminOnly(200, 200) },
};

async function newJoinLink(f: Fixture, requireApproval: boolean) {
  const r = await api.as(f.admin).post(`/orgs/${f.orgId}/join-links`, { role: 'member', requireApproval });
  return requireApproval ? (r.body.url as string) : (r.body.joinLink.linkId as string);
}

/** A pending join request by a newcomer, through a link that requires approval. */
async function newJoinRequest(f: Fixture) {
  const token = new URL(await newJoinLink(f, true)).searchParams.get('token');
  return (await api.as(await api.user('Asker')).post('/join-links/accept', { token })).body.joinRequest.requestId as string;
}

async function join(admin: User, orgId: string, user: User, role: string, extra: Record<string, unknown> = {}) {
  await db.join(admin, orgId, user, role, { sendEmail: false, ...extra });
  return user;
}

/** A pending invitation sent without email, so a resend of it is not throttled. */
async function newInvitation(f: Fixture) {
  const res = await api.invite(f.admin, f.orgId, { emails: `pending.${Math.random().toString(36).slice(2)}@example.com`, sendEmail: false });
  return res.body.results[0]!.invitationId!;
}

async function newTeam(f: Fixture) {
  return (await api.as(f.admin).post(`/orgs/${f.orgId}/teams`, { name: 'Temp' })).body.team.teamId as string;
}

async function makeFixture(): Promise<Fixture> {
  const admin = await api.user('Admin');
  const orgId = (await api.createOrg(admin, { name: 'Acme' })).orgId as string;
  // a second admin, so that an admin leaving is not refused as the last one
  await join(admin, orgId, await api.user('Admin2'), 'admin');
  const member = await join(admin, orgId, await api.user('Member'), 'member');
  const viewer = await join(admin, orgId, await api.user('Viewer'), 'viewer');
  const suspended = await join(admin, orgId, await api.user('Suspended'), 'admin');
  await api.as(admin).patch(`/orgs/${orgId}/members/${suspended.userId}`, { status: 'suspended' });
  // the API only takes a future end: it is moved into the past on the item, as time would
  const ended = await join(admin, orgId, await api.user('Ended'), 'admin', { accessUntil: new Date(Date.now() + 86_400_000).toISOString() });
  await db.set(`ORG#${orgId}`, `MEMBER#${ended.userId}`, { accessUntil: new Date(Date.now() - 60_000).toISOString() });
  const target = await join(admin, orgId, await api.user('Target'), 'member');
  const outsider = await api.user('Outsider');
  const teamId = await newTeam({ admin, orgId } as Fixture);
  const inv = await api.invite(admin, orgId, { emails: `pending.${orgId}@example.com`.toLowerCase(), sendEmail: false });
  return {
    orgId,
    admin,
    target,
    teamId,
    invitationId: inv.body.results[0]!.invitationId!,
    as: { admin, member, viewer, suspended, ended, outsider },
    serviceToken: (await api.serviceToken(scopes)).token,
  };
}

const tokenOf = (f: Fixture, caller: Caller) => (caller === 'anonymous' ? undefined : caller === 'service' ? f.serviceToken : f.as[caller].token);

function fill(path: string, params: Record<string, string>) {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = params[name];
    if (v === undefined) throw new Error(`no value for {${name}} in ${path}`);
    return encodeURIComponent(v);
  });
}

describe('the permission matrix', () => {
  let shared: Fixture;
  beforeAll(async () => {
    shared = await makeFixture();
  }, 120_000);

  for (const route of routes) {
    it(`${route.id}: ${route.method} ${route.path}`, async () => {
      const row = matrix[route.id];
      if (!row) {
        expect.fail(
          `Route ${route.id} (${route.method} ${route.path}) has no row in the permission matrix. ` +
            'Add one to `matrix` in test/integration/permissions.test.ts with the status each caller ' +
            '(anonymous, outsider, suspended, ended, viewer, member, service, admin) must get.',
        );
      }
      const f = row.ownOrg ? await makeFixture() : shared;
      const base = { orgId: f.orgId, teamId: f.teamId, invitationId: f.invitationId, userId: f.target.userId };
      const once = row.prepareEach ? {} : await row.prepare?.(f);
      const got: Partial<Record<Caller, number>> = {};
      // admin last: its call may consume what the row prepared (a pending invitation, a team)
      for (const caller of callers) {
        const path = fill(route.path, { ...base, ...once, ...(row.prepareEach ? await row.prepare?.(f) : {}) }) + (row.query ?? '');
        const body = row.body?.(f, caller);
        const token = tokenOf(f, caller);
        const res = await api.request(route.method, path, {
          ...(token ? { token } : {}),
          ...(body !== undefined ? { body } : route.method === 'GET' || route.method === 'DELETE' ? {} : { body: {} }),
        });
        got[caller] = res.status;
      }
      expect(got).toEqual(row.expect);
    }, 120_000);
  }

  it('no admin is ever made by a non-admin, whatever route they try', async () => {
    const f = shared;
    for (const who of [f.as.member, f.as.viewer, f.as.suspended, f.as.ended, f.as.outsider]) {
      await api.as(who).patch(`/orgs/${f.orgId}/members/${who.userId}`, { role: 'admin' });
      await api.as(who).patch(`/orgs/${f.orgId}/members/${f.target.userId}`, { role: 'admin' });
      await api.invite(who, f.orgId, { emails: `sneaky.${who.userId}@example.com`.toLowerCase(), role: 'admin' });
      await api.as(who).put(`/orgs/${f.orgId}/teams/${f.teamId}/members/${who.userId}`);
      await api.as(who).post(`/orgs/${f.orgId}/join`);
    }
    const admins = (await api.as(f.admin).get(`/orgs/${f.orgId}/members?role=admin&status=active`)).body.items;
    expect(admins.map((m: { userId: string }) => m.userId).sort()).not.toContain(f.as.member.userId);
    expect(admins.map((m: { userId: string }) => m.userId)).not.toContain(f.target.userId);
    const invitations = (await api.as(f.admin).get(`/orgs/${f.orgId}/invitations?limit=200`)).body.items;
    expect(invitations.filter((i: { email: string }) => i.email.startsWith('sneaky.'))).toEqual([]);
  });

  it("every member with access sets their own email language and time zone; only an admin or a service sets anyone else's", async () => {
    const f = shared;
    const own: Partial<Record<Caller, number>> = {};
    const others: Partial<Record<Caller, number>> = {};
    const ownRole: Partial<Record<Caller, number>> = {};
    for (const caller of callers) {
      const token = tokenOf(f, caller);
      const auth = token ? { token } : {};
      // a service principal has no row of its own: it only ever acts on others
      if (caller !== 'service') {
        const self = caller === 'anonymous' ? f.target.userId : f.as[caller].userId;
        own[caller] = (await api.request('PATCH', `/orgs/${f.orgId}/members/${self}`, { ...auth, body: { locale: 'fr', timeZone: 'Europe/Paris' } })).status;
        ownRole[caller] = (await api.request('PATCH', `/orgs/${f.orgId}/members/${self}`, { ...auth, body: { locale: 'fr', role: 'admin' } })).status;
      }
      others[caller] = (await api.request('PATCH', `/orgs/${f.orgId}/members/${f.target.userId}`, { ...auth, body: { timeZone: 'Asia/Tokyo' } })).status;
    }
    const { service: _s, ...ownExpected } = anyMember(200);
    expect(own).toEqual(ownExpected);
    // the admin's own role is theirs to change (to admin: no change); everyone else keeps today's answer
    expect(ownRole).toEqual({ ...ownExpected, viewer: 403, member: 403 });
    expect(others).toEqual(adminOnly(200, 200));
  });

  it('only an admin with access, or a service with members:write, sets an end of access', async () => {
    const f = shared;
    const got: Partial<Record<Caller, number>> = {};
    for (const [i, caller] of callers.entries()) {
      const token = tokenOf(f, caller);
      const body = { accessUntil: new Date(Date.now() + (i + 1) * 86_400_000).toISOString() };
      got[caller] = (await api.request('PATCH', `/orgs/${f.orgId}/members/${f.target.userId}`, { ...(token ? { token } : {}), body })).status;
    }
    const changes = (await api.stack.runtime.deps.audit.list(f.orgId, { types: ['member.access_until_changed'] }, { limit: 50 })).items;
    expect((await api.as(f.admin).patch(`/orgs/${f.orgId}/members/${f.target.userId}`, { accessUntil: null })).status).toBe(200);
    expect(got).toEqual(adminOnly(200, 200));
    // the admin's change and the service's, nobody else's
    const service = `service:${decodeJwt(f.serviceToken).sub}`;
    const actors = changes.filter((e) => e.target.userId === f.target.userId).map((e) => (e.actor as { userId?: string }).userId);
    expect(actors.sort()).toEqual([f.admin.userId, service].sort());
  });
});
