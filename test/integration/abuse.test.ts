import { describe, expect, it } from 'vitest';
import { auditEventTypes } from '../../shared/domain/audit/types.ts';
import { direct } from '../helpers/direct.ts';
import { enterpriseOrgAndColleague } from '../helpers/members.ts';
import { useStack } from '../helpers/stack.ts';

/**
 * Attacks on a public deployment, performed over HTTP against the local stack (issue 17). Each test
 * fails if the door it closes opens again.
 */
const api = useStack();
const db = direct(api);

describe('a suspended member is an outsider everywhere', () => {
  it('their old link does not show them the org through the "already accepted" answer', async () => {
    const { admin, org, invitee, invitationId } = await api.inviteOne();
    const token = await db.linkToken(org.orgId, invitationId);
    expect((await api.as(invitee).post('/invitations/accept', { token })).status).toBe(200);
    expect((await api.as(admin).patch(`/orgs/${org.orgId}/members/${invitee.userId}`, { status: 'suspended' })).status).toBe(200);

    const byLink = await api.as(invitee).post('/invitations/accept', { token });
    const byId = await api.as(invitee).post(`/me/invitations/${invitationId}/accept`);

    for (const r of [byLink, byId]) {
      expect(r.status).toBe(409);
      expect(r.headers.get('content-type')).toBe('application/problem+json');
      expect(r.body.code).toBe('member_suspended');
      expect(JSON.stringify(r.body)).not.toContain('counts');
    }
    expect((await api.as(invitee).get(`/orgs/${org.orgId}`)).status).toBe(404);
  });
});

describe('malformed paths', () => {
  it('a malformed percent-escape is 400 problem+json, not a 500, and changes nothing', async () => {
    const admin = await api.user('Admin');
    const org = await api.createOrg(admin);
    await db.join(admin, org.orgId, await api.user('Member'));
    await api.stack.settle(); // the dispatcher's delivery updates are not what this test is about
    const before = await db.partition(`ORG#${org.orgId}`);

    for (const path of [`/orgs/${org.orgId}/members/%ZZ`, `/orgs/${org.orgId}/members/%E0%A4%A`, `/orgs/%/members/x`]) {
      const r = await api.as(admin).delete(path);
      expect(r.status, path).toBe(400);
      expect(r.headers.get('content-type')).toBe('application/problem+json');
      expect(r.body).toMatchObject({ status: 400, code: 'validation_failed' });
      expect(JSON.stringify(r.body)).not.toMatch(/URIError|at .*\.ts/);
    }
    expect(await db.partition(`ORG#${org.orgId}`)).toEqual(before);
  });
});

describe('the audit vocabulary', () => {
  it('every event type the service writes is one the audit filter accepts (team.renamed among them)', async () => {
    const ada = await api.user('Ada');
    const org = await api.createOrg(ada);
    const team = (await api.as(ada).post(`/orgs/${org.orgId}/teams`, { name: 'Field' })).body.team;
    await api.as(ada).patch(`/orgs/${org.orgId}/teams/${team.teamId}`, { name: 'Field sales' });

    const renamed = await api.as(ada).get(`/orgs/${org.orgId}/audit?type=team.renamed`);
    expect(renamed.status).toBe(200);
    expect(renamed.body.items).toEqual([expect.objectContaining({ type: 'team.renamed', details: { from: 'Field', to: 'Field sales' } })]);
    for (const type of auditEventTypes) {
      const r = await api.as(ada).get(`/orgs/${org.orgId}/audit?type=${type}`);
      expect(r.status, type).toBe(200);
    }
  });
});

describe('look-alike addresses', () => {
  // U+212A KELVIN SIGN lower-cases to an ASCII "k", U+0130 to an "i" with a combining dot
  const lookAlikes = ['\u212Aate@example.com', '\u0130van@example.com'];

  it('an account whose address lower-cases onto an invited ASCII address cannot accept, list or decline its invitation', async () => {
    const admin = await api.user('Admin');
    const org = await api.createOrg(admin);
    const invitees = ['kate@example.com', 'ivan@example.com'];
    const sent = await api.invite(admin, org.orgId, { emails: invitees });
    expect(sent.body.results.map((r: { status: string }) => r.status)).toEqual(['invited', 'invited']);

    for (const [i, email] of lookAlikes.entries()) {
      const mallory = await api.user('Mallory', { email });
      expect(mallory.userId).not.toBe((await api.user('Real', { email: invitees[i] as string })).userId);
      const me = await api.as(mallory).get('/me');
      expect(me.body.email).toBe(email); // kept apart, not folded onto the ASCII address
      const token = await db.linkToken(org.orgId, sent.body.results[i]!.invitationId!);
      const accept = await api.as(mallory).post('/invitations/accept', { token });
      expect(accept.status).toBe(403);
      expect(accept.body.code).toBe('email_mismatch');
      expect((await api.as(mallory).get('/me/invitations')).body.items).toEqual([]);
      const decline = await api.as(mallory).post('/invitations/decline', { token });
      expect(decline.status).toBe(403);
      expect(await db.item(`ORG#${org.orgId}`, `MEMBER#${mallory.userId}`)).toBeUndefined();
    }
    const list = await api.as(admin).get(`/orgs/${org.orgId}/invitations?status=pending`);
    expect(list.body.items).toHaveLength(2);
  });

  it('an admin who pastes a look-alike gets invalid_email, never an invitation to the ASCII address it folds onto', async () => {
    const admin = await api.user('Admin');
    const org = await api.createOrg(admin);

    const r = await api.invite(admin, org.orgId, { emails: lookAlikes });

    expect(r.body.results.map((x: { status: string }) => x.status)).toEqual(['invalid_email', 'invalid_email']);
    expect(r.body.results.map((x: { email: string }) => x.email)).toEqual(lookAlikes);
    expect((await db.partition(`ORG#${org.orgId}`)).filter((i) => String(i.SK).startsWith('INV#'))).toEqual([]);
  });

  it('an allowed domain that lower-cases onto an ASCII one is refused, so auto-join cannot be aimed at it', async () => {
    const admin = await api.user('Admin');
    const org = await api.createOrg(admin);

    const r = await api.as(admin).patch(`/orgs/${org.orgId}`, { allowedDomains: ['exam\u212Aple.com'] });

    expect(r.status).toBe(400);
    expect(r.body.code).toBe('validation_failed');
    expect((await api.as(admin).get(`/orgs/${org.orgId}`)).body.org.settings.allowedDomains).toEqual([]);
  });
});

describe('direct add is neither an account oracle nor a way to place people in orgs without telling them', () => {
  it('a self-made org cannot turn direct add on: known and unknown addresses get the same answer, and nobody is added', async () => {
    const mallory = await api.user('Mallory');
    const org = await api.createOrg(mallory);
    const victim = await api.user('Victim');
    await api.createOrg(victim); // the service now knows the victim's verified address
    const nobody = `nobody.${Date.now()}@example.com`;

    const enable = await api.as(mallory).patch(`/orgs/${org.orgId}`, { allowedDomains: ['example.com'], directAddExistingUsers: true });
    const probe = await api.invite(mallory, org.orgId, { emails: [victim.email, nobody], sendEmail: false });

    expect(enable.status).toBe(403);
    expect(enable.body.code).toBe('direct_add_not_enabled');
    expect((await api.as(mallory).get(`/orgs/${org.orgId}`)).body.org.settings.directAddExistingUsers).toBe(false);
    expect(probe.body.results.map((r: Record<string, unknown>) => Object.keys(r).sort())).toEqual([
      ['email', 'invitationId', 'status'],
      ['email', 'invitationId', 'status'],
    ]);
    expect(probe.body.results.map((r: { status: string }) => r.status)).toEqual(['invited', 'invited']);
    expect(JSON.stringify(probe.body)).not.toContain(victim.userId);
    expect(await db.item(`ORG#${org.orgId}`, `MEMBER#${victim.userId}`)).toBeUndefined();
  });

  it("where the operator enabled it, only the org's own domains are added, never silently, never with their user id, and told how to leave", async () => {
    const { admin, org, colleague } = await enterpriseOrgAndColleague(api);
    const outsider = await api.user('Outsider');
    await api.createOrg(outsider);
    expect((await api.as(admin).patch(`/orgs/${org.orgId}`, { directAddExistingUsers: true })).status).toBe(200);

    // with no listed domain nobody is added directly, though invitations may go anywhere
    const noDomains = await api.invite(admin, org.orgId, { emails: [outsider.email] });
    await api.as(admin).patch(`/orgs/${org.orgId}`, { allowedDomains: ['corp.example'] });
    const silent = await api.invite(admin, org.orgId, { emails: [colleague.email], sendEmail: false });
    await api.as(admin).post(`/orgs/${org.orgId}/invitations/${silent.body.results[0]!.invitationId}/revoke`);
    const added = await api.invite(admin, org.orgId, { emails: [colleague.email] });

    expect(noDomains.body.results[0]!.status).toBe('invited');
    expect(await db.item(`ORG#${org.orgId}`, `MEMBER#${outsider.userId}`)).toBeUndefined();
    expect(silent.body.results[0]!.status).toBe('invited');
    expect(added.body.results).toEqual([{ email: colleague.email, status: 'added' }]);
    const [mail] = await api.emailsTo(colleague.email);
    const leave = new URL(/Leave Acme in one click: (\S+)/.exec(mail?.text ?? '')?.[1] as string);
    expect(leave.pathname).toBe('/leave');
    // the page's Leave button is this one request, without signing in: the signed link is the credential
    const left = await api.request('POST', '/memberships/leave', { body: { token: leave.searchParams.get('token') } });
    expect(left.status).toBe(200);
    expect(left.body).toEqual({ org: { orgId: org.orgId, name: 'Acme' } });
    expect(await db.item(`ORG#${org.orgId}`, `MEMBER#${colleague.userId}`)).toBeUndefined();
    const audit = (await api.as(admin).get(`/orgs/${org.orgId}/audit?type=member.left`)).body.items;
    expect(audit).toEqual([
      expect.objectContaining({ actor: expect.objectContaining({ userId: colleague.userId }), details: expect.objectContaining({ via: 'leave_link' }) }),
    ]);
  });

  it("a leave link opens only its own membership: forged, altered, replayed or an earlier membership's links leave nothing", async () => {
    const admin = await api.user('Admin');
    const org = await api.createOrg(admin);
    await api.setPlan(org.orgId, 'enterprise');
    await api.as(admin).patch(`/orgs/${org.orgId}`, { allowedDomains: ['corp.example'], directAddExistingUsers: true });
    const alice = await api.user('Alice', { email: `alice.${Date.now()}@corp.example` });
    const bob = await api.user('Bob', { email: `bob.${Date.now()}@corp.example` });
    await api.createOrg(alice);
    await api.createOrg(bob);
    await api.invite(admin, org.orgId, { emails: [alice.email, bob.email] });
    const tokenOf = async (email: string) => {
      const mails = await api.emailsTo(email);
      return new URL(/Leave Acme in one click: (\S+)/.exec(mails.at(-1)?.text ?? '')?.[1] as string).searchParams.get('token') as string;
    };
    const aliceToken = await tokenOf(alice.email);
    const [orgPart, userPart, mac] = aliceToken.split('.') as [string, string, string];
    const leave = (token: string) => api.request('POST', '/memberships/leave', { body: { token } });
    const refused = async (token: string) => {
      const r = await leave(token);
      return [r.status, r.headers.get('content-type'), r.body.code];
    };
    const invalid = [404, 'application/problem+json', 'leave_link_invalid'];

    // the admin's own membership named with Alice's signature; Bob's user id with Alice's signature; a flipped signature
    expect(await refused(`${orgPart}.${Buffer.from(admin.userId).toString('base64url')}.${mac}`)).toEqual(invalid);
    expect(await refused(`${orgPart}.${Buffer.from(bob.userId).toString('base64url')}.${mac}`)).toEqual(invalid);
    expect(await refused(`${orgPart}.${userPart}.${mac.startsWith('A') ? `B${mac.slice(1)}` : `A${mac.slice(1)}`}`)).toEqual(invalid);
    expect(await refused('not-a-leave-token-at-all')).toEqual(invalid);
    expect((await leave('short')).status).toBe(400);
    for (const userId of [admin.userId, bob.userId, alice.userId]) {
      expect(await db.item(`ORG#${org.orgId}`, `MEMBER#${userId}`), userId).toBeDefined();
    }

    // Alice leaves; the same link again opens nothing; re-added, her old email's link does not end the new membership
    expect((await leave(aliceToken)).status).toBe(200);
    expect(await refused(aliceToken)).toEqual(invalid);
    await api.invite(admin, org.orgId, { emails: [alice.email] });
    expect(await db.item(`ORG#${org.orgId}`, `MEMBER#${alice.userId}`)).toBeDefined();
    expect(await refused(aliceToken)).toEqual(invalid);
    expect(await db.item(`ORG#${org.orgId}`, `MEMBER#${alice.userId}`)).toBeDefined();
    const newToken = await tokenOf(alice.email);
    expect(newToken).not.toBe(aliceToken);
    expect((await leave(newToken)).status).toBe(200);
  });
});

describe('an address that bounced or complained', () => {
  it('is not emailed again by a plain resend; the admin must confirm', async () => {
    const { admin, org, invitee, invitationId } = await api.inviteOne();
    for (const status of ['bounced', 'complained']) {
      await db.set(`ORG#${org.orgId}`, `INV#${invitationId}`, { delivery: { status, at: new Date().toISOString() } });
      await api.setClock(3600 * (status === 'bounced' ? 1 : 2)); // past the invitation's own throttle
      const before = await db.item(`ORG#${org.orgId}`, `INV#${invitationId}`);

      const plain = await api.as(admin).post(`/orgs/${org.orgId}/invitations/${invitationId}/resend`);

      expect(plain.status).toBe(409);
      expect(plain.headers.get('content-type')).toBe('application/problem+json');
      expect(plain.body.code).toBe('delivery_problem_unconfirmed');
      expect(await db.item(`ORG#${org.orgId}`, `INV#${invitationId}`)).toEqual(before);
      const shown = await api.as(admin).get(`/orgs/${org.orgId}/invitations/${invitationId}`);
      expect(shown.body.invitation.delivery!.status).toBe(status);

      const confirmed = await api.as(admin).post(`/orgs/${org.orgId}/invitations/${invitationId}/resend`, { confirmUndeliverable: true });
      expect(confirmed.status).toBe(200);
      expect(confirmed.body.invitation.delivery!.status).toBe('queued');
      await api.stack.settle(); // its email is sent before the next round marks the delivery again
    }
    const mails = await api.emailsTo(invitee.email); // the invitation and the two confirmed resends
    await api.setClock(0);
    expect(mails.length).toBe(3);
  });
});
