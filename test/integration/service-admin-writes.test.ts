import { beforeAll, describe, expect, it } from 'vitest';
import { type RouteId, routeScope, scopes } from '../../functions/http/routes.ts';
import { memberHelpers } from '../helpers/members.ts';
import { type User, useStack } from '../helpers/stack.ts';

/**
 * The admin writes a deployer's backend calls besides inviting and managing members
 * (docs/adr/service-principals.md, "Which routes are open to services"): the org's settings, its email
 * preview and its deletion, the primary contact, teams and their members, join links and their
 * requests. Each under the rules an admin meets, recorded as `service:<clientId>`, and refused
 * without its scope. service-writes.test.ts holds invitations, members and POST /orgs.
 */
const api = useStack({ identityProvider: true });

let clientId: string;
let service: { userId: string; email: string };
let orgsWriter: { token: string };
let membersWriter: { token: string };
let teamsWriter: { token: string };
let invitationsWriter: { token: string };

beforeAll(async () => {
  orgsWriter = await api.serviceToken(['orgs:read', 'orgs:write', 'teams:write', 'invitations:write']);
  membersWriter = await api.serviceToken(['members:write']);
  teamsWriter = await api.serviceToken(['teams:write']);
  invitationsWriter = await api.serviceToken(['invitations:write']);
  clientId = (await api.serviceToken([])).clientId;
  service = { userId: `service:${clientId}`, email: '' };
}, 60_000);

const members = memberHelpers(api);
/** An org named Acme, its admin, and one person per role, none of them emailed. */
async function orgWith(...roles: ('admin' | 'member' | 'viewer')[]) {
  const { admin, orgId, people } = await members.orgWith(roles, { name: 'Acme', sendEmail: false });
  return { admin, orgId, others: people };
}

/** Every audit event of `type` in the org, read from the store (a deleted org answers 404 to the API). */
async function actorsOf(orgId: string, type: string) {
  const { items } = await api.stack.runtime.deps.audit.list(orgId, { types: [type] }, { limit: 100 });
  return items.map((e) => e.actor);
}

async function newTeam(admin: User, orgId: string, name = 'Support') {
  return (await api.as(admin).post(`/orgs/${orgId}/teams`, { name })).body.team.teamId as string;
}

/** A pending join request by a newcomer, through a link that requires approval. */
async function joinRequest(url: string) {
  const token = new URL(url).searchParams.get('token');
  const res = await api.as(await api.user('Asker')).post('/join-links/accept', { token });
  expect(res.status).toBe(201);
  return res.body.joinRequest.requestId as string;
}

describe("a service principal changes an org's settings, previews its emails and deletes it", () => {
  it("with orgs:write: renames the org and sets its branding, the reply-to one of the org's admins, never the service or a non-admin", async () => {
    const { admin, orgId, others } = await orgWith('member');
    const [m] = others as [User];
    const renamed = await api.as(orgsWriter).patch(`/orgs/${orgId}`, { name: 'Acme Ltd', invitationTtlDays: 5, branding: { replyTo: admin.email } });
    expect(renamed.status).toBe(200);
    expect(renamed.body.org).toMatchObject({ name: 'Acme Ltd', settings: { invitationTtlDays: 5, branding: { replyTo: admin.email } } });
    for (const replyTo of [`service:${clientId}`, '', m.email]) {
      const res = await api.as(orgsWriter).patch(`/orgs/${orgId}`, { branding: { replyTo } });
      expect({ replyTo, status: res.status, code: res.body.code }).toEqual({ replyTo, status: 400, code: 'reply_to_not_admin' });
    }
    expect((await api.as(admin).get(`/orgs/${orgId}`)).body.org.settings.branding).toEqual({ replyTo: admin.email });
    expect(await actorsOf(orgId, 'org.updated')).toEqual([service]);
  });

  it('with orgs:read: previews an invitation as one it sends ("An admin of ..."), and an email to the admins', async () => {
    const { orgId } = await orgWith();
    const invitation = await api.as(orgsWriter).get(`/orgs/${orgId}/email-preview?kind=invitation`);
    expect(invitation.status).toBe(200);
    expect(invitation.body.text).toContain('An admin');
    expect(invitation.body.text).not.toContain('service:');
    const toAdmins = await api.as(orgsWriter).get(`/orgs/${orgId}/email-preview?kind=join_request&locale=de`);
    expect([toAdmins.status, toAdmins.body.subject]).toEqual([200, expect.stringContaining('Acme')]);
  });

  it('deletes an org only with its exact name as confirmation; audited as the service; then the org is 404 to its writes', async () => {
    const { admin, orgId } = await orgWith('member');
    const teamId = await newTeam(admin, orgId);
    for (const confirm of ['acme', 'Acme ', '']) {
      const res = await api.as(orgsWriter).delete(`/orgs/${orgId}`, { confirm });
      expect({ confirm, status: res.status, code: res.body.code }).toEqual({ confirm, status: 400, code: 'confirmation_mismatch' });
    }
    expect((await api.as(admin).get(`/orgs/${orgId}`)).status).toBe(200);
    expect((await api.as(orgsWriter).delete(`/orgs/${orgId}`, { confirm: 'Acme' })).status).toBe(204);
    expect((await api.as(admin).get(`/orgs/${orgId}`)).body.code).toBe('org_not_found');
    expect(await actorsOf(orgId, 'org.deleted')).toEqual([service]);
    const late = [
      await api.as(orgsWriter).delete(`/orgs/${orgId}`, { confirm: 'Acme' }),
      await api.as(orgsWriter).patch(`/orgs/${orgId}`, { name: 'Back' }),
      await api.as(orgsWriter).patch(`/orgs/${orgId}/teams/${teamId}`, { name: 'Late' }),
      await api.as(orgsWriter).post(`/orgs/${orgId}/join-links`, { role: 'member' }),
    ];
    for (const res of late) expect([res.status, res.body.code]).toEqual([404, 'org_not_found']);
  });
});

describe('a service principal names the primary contact (members:write)', () => {
  it('an active member becomes it, audited as the service; a suspended one, a non-member and the service itself cannot', async () => {
    const { admin, orgId, others } = await orgWith('member', 'member');
    const [m, suspended] = others as [User, User];
    expect((await api.as(admin).patch(`/orgs/${orgId}/members/${suspended.userId}`, { status: 'suspended' })).status).toBe(200);
    const set = await api.as(membersWriter).put(`/orgs/${orgId}/primary-contact`, { userId: m.userId });
    expect([set.status, set.body.org.primaryContactUserId]).toEqual([200, m.userId]);
    const refused: [string, number, string][] = [
      [suspended.userId, 409, 'primary_contact_not_active'],
      [(await api.user('Outsider')).userId, 404, 'member_not_found'],
      [`service:${clientId}`, 404, 'member_not_found'],
    ];
    for (const [userId, status, code] of refused) {
      const res = await api.as(membersWriter).put(`/orgs/${orgId}/primary-contact`, { userId });
      expect({ userId, status: res.status, code: res.body.code }).toEqual({ userId, status, code });
    }
    expect((await api.as(admin).get(`/orgs/${orgId}`)).body.org.primaryContactUserId).toBe(m.userId);
    expect(await actorsOf(orgId, 'member.primary_contact_changed')).toEqual([service]);
  });
});

describe("a service principal manages an org's teams (teams:write)", () => {
  it('renames a team, puts a member in it and takes them out, deletes it; each audited as the service', async () => {
    const { admin, orgId, others } = await orgWith('member');
    const [m] = others as [User];
    const teamId = await newTeam(admin, orgId);
    const team = `/orgs/${orgId}/teams/${teamId}`;
    const renamed = await api.as(teamsWriter).patch(team, { name: 'Customer care' });
    expect([renamed.status, renamed.body.team.name]).toEqual([200, 'Customer care']);
    expect((await api.as(teamsWriter).put(`${team}/members/${m.userId}`)).status).toBe(204);
    expect((await api.as(admin).get(`/orgs/${orgId}/members/${m.userId}`)).body.member.teams).toEqual([teamId]);
    expect((await api.as(teamsWriter).delete(`${team}/members/${m.userId}`)).status).toBe(204);
    expect((await api.as(admin).get(`/orgs/${orgId}/members/${m.userId}`)).body.member.teams).toEqual([]);
    expect((await api.as(teamsWriter).delete(team)).status).toBe(204);
    expect((await api.as(admin).get(`/orgs/${orgId}/teams`)).body.items).toEqual([]);
    for (const type of ['team.renamed', 'team.member_added', 'team.member_removed', 'team.deleted']) {
      expect({ type, actors: await actorsOf(orgId, type) }).toEqual({ type, actors: [service] });
    }
  });

  it("another org's team is 404 team_not_found, and the service never joins a team itself", async () => {
    const { admin, orgId, others } = await orgWith('member');
    const [m] = others as [User];
    const other = await orgWith();
    const theirs = await newTeam(other.admin, other.orgId, 'Theirs');
    const team = `/orgs/${orgId}/teams/${theirs}`;
    const attempts = [
      await api.as(teamsWriter).patch(team, { name: 'Taken over' }),
      await api.as(teamsWriter).put(`${team}/members/${m.userId}`),
      await api.as(teamsWriter).delete(`${team}/members/${m.userId}`),
      await api.as(teamsWriter).delete(team),
    ];
    for (const res of attempts) expect([res.status, res.body.code]).toEqual([404, 'team_not_found']);
    expect((await api.as(other.admin).get(`/orgs/${other.orgId}/teams`)).body.items.map((t) => t.name)).toEqual(['Theirs']);
    const mine = await newTeam(admin, orgId);
    const itself = await api.as(teamsWriter).put(`/orgs/${orgId}/teams/${mine}/members/service:${clientId}`);
    expect([itself.status, itself.body.code]).toEqual([404, 'member_not_found']);
  });
});

describe("a service principal manages an org's join links and their requests (invitations:write)", () => {
  it('creates a link that needs approval, approves one request and denies another, revokes the link; each audited as the service', async () => {
    const { admin, orgId } = await orgWith();
    const created = await api.as(invitationsWriter).post(`/orgs/${orgId}/join-links`, { role: 'member', requireApproval: true });
    expect(created.status).toBe(201);
    expect(created.body.joinLink.createdBy).toEqual({ userId: service.userId, name: '' });
    const linkId = created.body.joinLink.linkId as string;
    const [first, second] = [await joinRequest(created.body.url), await joinRequest(created.body.url)];

    const approved = await api.as(invitationsWriter).post(`/orgs/${orgId}/join-requests/${first}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body.joinRequest.status).toBe('approved');
    expect(approved.body.membership).toMatchObject({ role: 'member', status: 'active', invitedBy: { userId: service.userId, name: '' } });
    const again = await api.as(invitationsWriter).post(`/orgs/${orgId}/join-requests/${first}/approve`);
    expect([again.status, again.body.code]).toEqual([409, 'join_request_not_pending']);
    const denied = await api.as(invitationsWriter).post(`/orgs/${orgId}/join-requests/${second}/deny`);
    expect([denied.status, denied.body.joinRequest.status]).toEqual([200, 'denied']);

    expect((await api.as(invitationsWriter).delete(`/orgs/${orgId}/join-links/${linkId}`)).status).toBe(204);
    const links = (await api.as(admin).get(`/orgs/${orgId}/join-links`)).body.items;
    expect(links.map((l) => [l.linkId, l.status])).toEqual([[linkId, 'revoked']]);
    expect((await api.as(admin).get(`/orgs/${orgId}`)).body.org.counts.members).toBe(2);
    for (const type of ['join_link.created', 'join_request.approved', 'member.added', 'join_request.denied', 'join_link.revoked']) {
      expect({ type, actors: await actorsOf(orgId, type) }).toEqual({ type, actors: [service] });
    }
  });

  it("a revoked link's request is not approved (410), and a link may only narrow the org's allowed domains (400)", async () => {
    const { admin, orgId } = await orgWith();
    const link = await api.as(invitationsWriter).post(`/orgs/${orgId}/join-links`, { role: 'viewer', requireApproval: true });
    const requestId = await joinRequest(link.body.url);
    expect((await api.as(admin).delete(`/orgs/${orgId}/join-links/${link.body.joinLink.linkId}`)).status).toBe(204);
    const late = await api.as(invitationsWriter).post(`/orgs/${orgId}/join-requests/${requestId}/approve`);
    expect([late.status, late.body.code]).toEqual([410, 'join_link_revoked']);

    expect((await api.as(admin).patch(`/orgs/${orgId}`, { allowedDomains: ['acme.test'] })).status).toBe(200);
    const wider = await api.as(invitationsWriter).post(`/orgs/${orgId}/join-links`, { role: 'member', allowedDomains: ['elsewhere.test'] });
    expect([wider.status, wider.body.code]).toEqual([400, 'validation_failed']);
    expect((await api.as(admin).get(`/orgs/${orgId}`)).body.org.counts.members).toBe(1);
  });
});

describe('nothing without the scope', () => {
  it("a token holding every scope but the route's own is refused with 403 insufficient_scope, and nothing changes", async () => {
    const { admin, orgId, others } = await orgWith('member');
    const [m] = others as [User];
    const teamId = await newTeam(admin, orgId);
    const link = await api.as(admin).post(`/orgs/${orgId}/join-links`, { role: 'member', requireApproval: true });
    const linkId = link.body.joinLink.linkId as string;
    const requestId = await joinRequest(link.body.url);
    const attempts: [RouteId, string, string, unknown?][] = [
      ['UpdateOrg', 'PATCH', `/orgs/${orgId}`, { name: 'Renamed' }],
      ['PreviewOrgEmail', 'GET', `/orgs/${orgId}/email-preview?kind=invitation`],
      ['DeleteOrg', 'DELETE', `/orgs/${orgId}`, { confirm: 'Acme' }],
      ['SetPrimaryContact', 'PUT', `/orgs/${orgId}/primary-contact`, { userId: m.userId }],
      ['RenameTeam', 'PATCH', `/orgs/${orgId}/teams/${teamId}`, { name: 'Renamed' }],
      ['AddTeamMember', 'PUT', `/orgs/${orgId}/teams/${teamId}/members/${m.userId}`],
      ['RemoveTeamMember', 'DELETE', `/orgs/${orgId}/teams/${teamId}/members/${m.userId}`],
      ['DeleteTeam', 'DELETE', `/orgs/${orgId}/teams/${teamId}`],
      ['CreateJoinLink', 'POST', `/orgs/${orgId}/join-links`, { role: 'member' }],
      ['RevokeJoinLink', 'DELETE', `/orgs/${orgId}/join-links/${linkId}`],
      ['ApproveJoinRequest', 'POST', `/orgs/${orgId}/join-requests/${requestId}/approve`],
      ['DenyJoinRequest', 'POST', `/orgs/${orgId}/join-requests/${requestId}/deny`],
    ];
    for (const [id, method, path, body] of attempts) {
      const scope = routeScope(id);
      const { token } = await api.serviceToken(scopes.filter((s) => s !== scope));
      const res = await api.request(method, path, { token, ...(body !== undefined ? { body } : {}) });
      expect({ id, status: res.status, code: res.body.code }).toEqual({ id, status: 403, code: 'insufficient_scope' });
      expect(res.body.detail).toContain(scope);
    }
    const org = (await api.as(admin).get(`/orgs/${orgId}`)).body.org;
    expect([org.name, org.primaryContactUserId]).toEqual(['Acme', null]);
    expect((await api.as(admin).get(`/orgs/${orgId}/teams`)).body.items.map((t) => t.name)).toEqual(['Support']);
    expect((await api.as(admin).get(`/orgs/${orgId}/join-links`)).body.items.map((l) => l.status)).toEqual(['active']);
    expect((await api.as(admin).get(`/orgs/${orgId}/join-requests`)).body.items.map((r) => r.requestId)).toEqual([requestId]);
    expect((await api.as(admin).get(`/orgs/${orgId}/audit`)).body.items.filter((e) => String(e.actor.userId).startsWith('service:'))).toEqual([]);
  });
});
