import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { scopes } from '../../functions/http/routes.ts';
import { memberHelpers } from '../helpers/members.ts';
import { type User, useStack } from '../helpers/stack.ts';

/**
 * A deployer's backend writing on behalf of its users (docs/adr/service-principals.md): inviting,
 * resending and revoking with `invitations:write`, changing and removing members with
 * `members:write`, under the rules an admin meets, recorded as `service:<clientId>`. Real tokens from
 * the local OpenID provider's client-credentials grant, real handlers over HTTP.
 */
const limits = {
  members: 500,
  directAdd: false,
  invitationEmailsPerOrgPerDay: { max: 1000, warmUpBase: 1000, warmUpPerAcceptedInvitation: 0 },
  resendsPerOrgPerDay: 100,
  orgsCreatedPerUserPerDay: 2,
};
const api = useStack({
  identityProvider: true,
  plans: {
    default: 'roomy',
    plans: {
      roomy: { ...limits, pendingInvitations: 500, invitationEmailsPerInviterPerDay: 500 },
      // an inviter's daily emails and the org's pending invitations, small enough to reach
      small: { ...limits, members: 3, pendingInvitations: 3, invitationEmailsPerInviterPerDay: 2 },
    },
  },
});

const unique = () => Math.random().toString(36).slice(2, 8);
const addresses = (n: number, tag = unique()) => Array.from({ length: n }, (_, i) => `p${i}.${tag}@example.com`);

let writer: { token: string; clientId: string };
let reader: { token: string };

beforeAll(async () => {
  writer = await api.serviceToken(['invitations:write', 'members:write', 'members:read', 'invitations:read']);
  reader = await api.serviceToken(['members:read']);
}, 60_000);

afterEach(async () => {
  await api.setClock(0);
});

const members = memberHelpers(api);
/** An org named Acme, its admin, and one person per role, none of them emailed. */
async function orgWith(...roles: ('admin' | 'member' | 'viewer')[]) {
  const { admin, orgId, people } = await members.orgWith(roles, { name: 'Acme', sendEmail: false });
  return { admin, orgId, others: people };
}

async function actorsOf(admin: User, orgId: string, type: string) {
  const res = await api.as(admin).get(`/orgs/${orgId}/audit?type=${type}&limit=100`);
  expect(res.status).toBe(200);
  return (res.body.items as unknown as { actor: { userId?: string; email?: string } }[]).map((e) => e.actor);
}

describe('a service principal invites on behalf of its users', () => {
  it('one address: invited, the email says an admin of the org invited them, the audit log names service:<clientId>, and the invitee can accept', async () => {
    const { admin, orgId } = await orgWith();
    const invitee = await api.user('Invitee');
    const res = await api.as(writer).post(`/orgs/${orgId}/invitations`, { emails: invitee.email, role: 'member' });
    expect(res.status).toBe(201);
    expect(res.body.results).toEqual([expect.objectContaining({ email: invitee.email, status: 'invited' })]);
    expect(await actorsOf(admin, orgId, 'invitation.sent')).toEqual([{ userId: `service:${writer.clientId}`, email: '' }]);

    const [mail] = await api.emailsTo(invitee.email);
    expect(mail?.subject).toContain('Acme');
    expect(mail?.text).toContain('An admin');
    expect(mail?.text).not.toContain('service:');

    // accepting checks the inviter still has authority; for a service that is the org item the accept also counts on
    const token = await api.linkTokenFor(invitee.email);
    const accepted = await api.as(invitee).post('/invitations/accept', { token });
    expect(accepted.status).toBe(200);
    const member = await api.as(reader).get(`/orgs/${orgId}/members/${invitee.userId}`);
    expect(member.body.member).toMatchObject({ role: 'member', status: 'active' });
  });

  it('a pasted list of 60 (more than one transaction): all invited, each event by the service', async () => {
    const { admin, orgId } = await orgWith();
    const list = addresses(60);
    const res = await api.as(writer).post(`/orgs/${orgId}/invitations`, { emails: list.join(', '), sendEmail: false });
    expect(res.status).toBe(201);
    expect(res.body.results.map((r) => r.status)).toEqual(list.map(() => 'invited'));
    expect((await api.as(admin).get(`/orgs/${orgId}`)).body.org.counts.pendingInvitations).toBe(60);
    const actors = await actorsOf(admin, orgId, 'invitation.sent');
    expect(actors).toHaveLength(60);
    expect(new Set(actors.map((a) => a.userId))).toEqual(new Set([`service:${writer.clientId}`]));
  });

  it("the org's allowed domains and its plan's pending limit hold for a service as for an admin", async () => {
    const { admin, orgId } = await orgWith();
    expect((await api.as(admin).patch(`/orgs/${orgId}`, { allowedDomains: ['acme.test'] })).status).toBe(200);
    const res = await api.as(writer).post(`/orgs/${orgId}/invitations`, { emails: ['a@acme.test', 'b@elsewhere.test'], sendEmail: false });
    expect(res.status).toBe(207);
    expect(res.body.results.map((r) => [r.email, r.status])).toEqual([
      ['a@acme.test', 'invited'],
      ['b@elsewhere.test', 'domain_not_allowed'],
    ]);

    await api.setPlan(orgId, 'small');
    // one pending already (a@acme.test), three allowed: two more fit, the third does not
    const more = await api.as(writer).post(`/orgs/${orgId}/invitations`, { emails: ['c@acme.test', 'd@acme.test', 'e@acme.test'], sendEmail: false });
    expect(more.body.results.map((r) => r.status)).toEqual(['invited', 'invited', 'pending_limit_reached']);
    expect((await api.as(admin).get(`/orgs/${orgId}`)).body.org.counts.pendingInvitations).toBe(3);
  });

  it("the inviter's daily email quota counts the service as one inviter: past it, 429 and nothing written", async () => {
    // a day of its own, so what other tests sent today does not count
    await api.setClock(30 * 86_400);
    const { admin, orgId } = await orgWith();
    await api.setPlan(orgId, 'small');
    const first = await api.as(writer).post(`/orgs/${orgId}/invitations`, { emails: addresses(2) });
    expect(first.status).toBe(201);
    const over = await api.as(writer).post(`/orgs/${orgId}/invitations`, { emails: addresses(1) });
    expect([over.status, over.body.code]).toEqual([429, 'invitation_limit_reached']);
    expect((await api.as(admin).get(`/orgs/${orgId}`)).body.org.counts.pendingInvitations).toBe(2);
  });

  it('resends and revokes a pending invitation; both audited as the service', async () => {
    const { admin, orgId } = await orgWith();
    const email = `r.${unique()}@example.com`;
    const sent = await api.as(admin).post(`/orgs/${orgId}/invitations`, { emails: email, sendEmail: false });
    const invitationId = sent.body.results[0]!.invitationId!;
    const resent = await api.as(writer).post(`/orgs/${orgId}/invitations/${invitationId}/resend`);
    expect(resent.status).toBe(200);
    expect(resent.body.invitation.sendsRequested).toBe(1);
    expect(await api.emailsTo(email)).toHaveLength(1);
    const revoked = await api.as(writer).post(`/orgs/${orgId}/invitations/${invitationId}/revoke`);
    expect([revoked.status, revoked.body.invitation.status]).toEqual([200, 'revoked']);
    const again = await api.as(writer).post(`/orgs/${orgId}/invitations/${invitationId}/revoke`);
    expect([again.status, again.body.code]).toEqual([409, 'invitation_not_pending']);
    const service = { userId: `service:${writer.clientId}`, email: '' };
    expect(await actorsOf(admin, orgId, 'invitation.resent')).toEqual([service]);
    expect(await actorsOf(admin, orgId, 'invitation.revoked')).toEqual([service]);
  });
});

describe('a service principal creates an org for one of its users', () => {
  it('with orgs:write and an owner: the owner is its first admin, sees it signed in, and the audit log names the service and the owner', async () => {
    const creator = await api.serviceToken(['orgs:write', 'invitations:write']);
    const owner = await api.user('Owner');
    const res = await api
      .as(creator)
      .post('/orgs', { name: 'Made for Owner', owner: { userId: owner.userId, email: owner.email.toUpperCase(), name: 'Olive' } });
    expect(res.status).toBe(201);
    const orgId = res.body.org.orgId;
    expect(res.body.org).toMatchObject({ name: 'Made for Owner', counts: { members: 1, admins: 1 } });
    const mine = (await api.as(owner).get('/me/organizations')).body.items;
    expect(mine.map((o) => [o.orgId, o.role])).toEqual([[orgId, 'admin']]);
    const member = await api.as(reader).get(`/orgs/${orgId}/members/${owner.userId}`);
    expect(member.body.member).toMatchObject({ role: 'admin', status: 'active', email: owner.email, name: 'Olive' });
    const created = (await api.as(owner).get(`/orgs/${orgId}/audit?type=org.created`)).body.items as unknown as { actor: unknown; details: unknown }[];
    expect(created).toEqual([
      expect.objectContaining({
        actor: { userId: `service:${creator.clientId}`, email: '' },
        details: expect.objectContaining({ owner: { userId: owner.userId, email: owner.email } }),
      }),
    ]);
    // the owner's address is claimed by their membership, as a creator's is
    const again = await api.as(creator).post(`/orgs/${orgId}/invitations`, { emails: owner.email, sendEmail: false });
    expect(again.body.results.map((r) => r.status)).toEqual(['already_member']);
  });

  it('bad input is 400 and creates nothing: no owner from a service, an owner from a user, a service as owner, a malformed email', async () => {
    const creator = await api.serviceToken(['orgs:write']);
    const user = await api.user('Someone');
    const attempts: [{ token: string }, unknown, string][] = [
      [creator, { name: 'No owner' }, 'owner_required'],
      [user, { name: 'Given away', owner: { userId: 'someone-else', email: 'else@example.com' } }, 'owner_not_allowed'],
      [creator, { name: 'Self', owner: { userId: `service:${creator.clientId}`, email: 'svc@example.com' } }, 'validation_failed'],
      [creator, { name: 'Bad email', owner: { userId: user.userId, email: 'not an email' } }, 'validation_failed'],
      [creator, { name: 'Bad id', owner: { userId: 'a#b', email: user.email } }, 'validation_failed'],
      [creator, { name: 'Extra', owner: { userId: user.userId, email: user.email, role: 'viewer' } }, 'validation_failed'],
    ];
    for (const [who, body, code] of attempts) {
      const res = await api.as(who).post('/orgs', body);
      expect({ body, status: res.status, code: res.body.code }).toEqual({ body, status: 400, code });
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    }
    expect((await api.as(user).get('/me/organizations')).body.items).toEqual([]);
  });

  it("the daily limit of new orgs counts the owner's: a backend gives a user no more orgs than they could create themselves", async () => {
    const creator = await api.serviceToken(['orgs:write']);
    const [a, b] = [await api.user('A'), await api.user('B')];
    const create = (u: User) => api.as(creator).post('/orgs', { name: 'Org', owner: { userId: u.userId, email: u.email } });
    expect((await create(a)).status).toBe(201);
    // the owner's own creation counts the same
    expect((await api.as(a).post('/orgs', { name: 'Own' })).status).toBe(201);
    const over = await create(a);
    expect([over.status, over.body.code]).toEqual([429, 'org_creation_limit_reached']);
    expect((await create(b)).status).toBe(201);
    expect((await api.as(a).get('/me/organizations')).body.items).toHaveLength(2);
  });
});

describe('a service principal manages members', () => {
  it('changes a role, suspends and reactivates, removes; each audited as the service', async () => {
    const { admin, orgId, others } = await orgWith('member');
    const [m] = others as [User];
    const path = `/orgs/${orgId}/members/${m.userId}`;
    expect((await api.as(writer).patch(path, { role: 'admin' })).body.member.role).toBe('admin');
    expect((await api.as(writer).patch(path, { status: 'suspended' })).body.member.status).toBe('suspended');
    expect((await api.as(writer).patch(path, { status: 'active', role: 'viewer' })).body.member).toMatchObject({ status: 'active', role: 'viewer' });
    expect((await api.as(writer).delete(path)).status).toBe(204);
    expect((await api.as(reader).get(path)).body.code).toBe('member_not_found');
    const service = { userId: `service:${writer.clientId}`, email: '' };
    expect(await actorsOf(admin, orgId, 'member.role_changed')).toEqual([service, service]);
    expect(await actorsOf(admin, orgId, 'member.suspended')).toEqual([service]);
    expect(await actorsOf(admin, orgId, 'member.reactivated')).toEqual([service]);
    expect(await actorsOf(admin, orgId, 'member.removed')).toEqual([service]);
    expect((await api.as(admin).get(`/orgs/${orgId}`)).body.org.counts).toMatchObject({ members: 1, admins: 1 });
  });

  it('the last active admin can be neither demoted, suspended nor removed by a service: 409 last_admin, nothing changed', async () => {
    const { admin, orgId } = await orgWith('member');
    const path = `/orgs/${orgId}/members/${admin.userId}`;
    for (const [method, body] of [
      ['PATCH', { role: 'member' }],
      ['PATCH', { status: 'suspended' }],
      ['DELETE', undefined],
    ] as const) {
      const res = await api.request(method, path, { token: writer.token, ...(body ? { body } : {}) });
      expect({ method, body, status: res.status, code: res.body.code }).toEqual({ method, body, status: 409, code: 'last_admin' });
    }
    expect((await api.as(reader).get(path)).body.member).toMatchObject({ role: 'admin', status: 'active' });
  });

  it('two admins demoted at once by the service: one succeeds, one is last_admin, never none left (real concurrent requests)', async () => {
    const { admin, orgId, others } = await orgWith('admin');
    const [second] = others as [User];
    const results = await Promise.all([admin, second].map((u) => api.as(writer).patch(`/orgs/${orgId}/members/${u.userId}`, { role: 'member' })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)?.body.code).toBe('last_admin');
    const admins = (await api.as(reader).get(`/orgs/${orgId}/members?role=admin&status=active`)).body.items;
    expect(admins).toHaveLength(1);
    // the demoted one is still a member, and members read the org's counts
    expect((await api.as(admin).get(`/orgs/${orgId}`)).body.org.counts.admins).toBe(1);
  });

  it('an org deleted is 404 org_not_found to a service writing to it, and nothing is written', async () => {
    const { admin, orgId, others } = await orgWith('member');
    const [m] = others as [User];
    expect((await api.as(admin).delete(`/orgs/${orgId}`, { confirm: 'Acme' })).status).toBe(204);
    const attempts = [
      api.as(writer).post(`/orgs/${orgId}/invitations`, { emails: `late.${unique()}@example.com` }),
      api.as(writer).patch(`/orgs/${orgId}/members/${m.userId}`, { role: 'admin' }),
      api.as(writer).delete(`/orgs/${orgId}/members/${m.userId}`),
    ];
    for (const res of await Promise.all(attempts)) expect([res.status, res.body.code]).toEqual([404, 'org_not_found']);
  });
});

describe('nothing a service may do without the scope', () => {
  it('a token with only members:read is refused every write with 403 insufficient_scope, and nothing is written', async () => {
    const { admin, orgId, others } = await orgWith('member');
    const [m] = others as [User];
    const sent = await api.as(admin).post(`/orgs/${orgId}/invitations`, { emails: `held.${unique()}@example.com`, sendEmail: false });
    const invitationId = sent.body.results[0]!.invitationId!;
    const before = (await api.as(admin).get(`/orgs/${orgId}`)).body.org.counts;
    const attempts: [string, string, unknown?][] = [
      ['POST', '/orgs', { name: 'By a backend', owner: { userId: m.userId, email: m.email } }],
      ['POST', `/orgs/${orgId}/invitations`, { emails: `sneaky.${unique()}@example.com`, role: 'admin' }],
      ['POST', `/orgs/${orgId}/invitations`, { invitees: [{ email: `sneaky2.${unique()}@example.com` }] }],
      ['POST', `/orgs/${orgId}/invitations/${invitationId}/resend`],
      ['POST', `/orgs/${orgId}/invitations/${invitationId}/revoke`],
      ['PATCH', `/orgs/${orgId}/members/${m.userId}`, { role: 'admin' }],
      ['PATCH', `/orgs/${orgId}/members/${m.userId}`, { status: 'suspended' }],
      ['DELETE', `/orgs/${orgId}/members/${m.userId}`],
      ['PATCH', `/orgs/${orgId}`, { name: 'Renamed' }],
      ['DELETE', `/orgs/${orgId}`, { confirm: 'Acme' }],
    ];
    for (const [method, path, body] of attempts) {
      const res = await api.request(method, path, { token: reader.token, ...(body !== undefined ? { body } : {}) });
      expect({ method, path, status: res.status, code: res.body.code }).toEqual({ method, path, status: 403, code: 'insufficient_scope' });
    }
    const after = await api.as(admin).get(`/orgs/${orgId}`);
    expect(after.body.org).toMatchObject({ name: 'Acme', counts: before });
    expect((await api.as(reader).get(`/orgs/${orgId}/members/${m.userId}`)).body.member).toMatchObject({ role: 'member', status: 'active' });
    const invitations = (await api.as(admin).get(`/orgs/${orgId}/invitations?status=pending`)).body.items;
    expect(invitations.map((i) => [i.invitationId, i.status, i.sendsRequested])).toEqual([[invitationId, 'pending', 0]]);
    expect((await api.as(admin).get(`/orgs/${orgId}/audit`)).body.items.filter((e) => String(e.actor.userId).startsWith('service:'))).toEqual([]);
  });

  it('each write scope opens its own routes only: invitations:write cannot change members, members:write cannot invite', async () => {
    const { orgId, others } = await orgWith('member');
    const [m] = others as [User];
    const inviter = await api.serviceToken(['invitations:write']);
    const manager = await api.serviceToken(['members:write']);
    const byInviter = await api.as(inviter).patch(`/orgs/${orgId}/members/${m.userId}`, { role: 'admin' });
    expect([byInviter.status, byInviter.body.code]).toEqual([403, 'insufficient_scope']);
    expect(byInviter.body.detail).toContain('members:write');
    const byManager = await api.as(manager).post(`/orgs/${orgId}/invitations`, { emails: `x.${unique()}@example.com` });
    expect([byManager.status, byManager.body.code]).toEqual([403, 'insufficient_scope']);
    expect(byManager.body.detail).toContain('invitations:write');
    expect((await api.as(reader).get(`/orgs/${orgId}/members/${m.userId}`)).body.member.role).toBe('member');
    // every scope the route table hands out is one the resource server knows
    expect(scopes).toEqual(expect.arrayContaining(['invitations:write', 'members:write', 'orgs:write']));
  });
});
