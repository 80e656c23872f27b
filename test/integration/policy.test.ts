import { describe, expect, it } from 'vitest';
import { direct } from '../helpers/direct.ts';
import { useStack } from '../helpers/stack.ts';

const api = useStack();
const db = direct(api);

const unique = () => Math.random().toString(36).slice(2, 8);

describe('allowed email domains', { timeout: 120_000 }, () => {
  it('domains are stored lower-case, and invitations match them case-insensitively but not their subdomains', async () => {
    // Prepare
    const d = `acme-${unique()}.com`;
    const admin = await api.user('Ada', { email: `ada@${d}` });
    const org = await api.createOrg(admin, { allowedDomains: [` ${d.toUpperCase()}. `] });

    // Act
    const res = await api.invite(admin, org.orgId, { emails: [`Bob@${d.toUpperCase()}`, `eve@eu.${d}`, `mallory@evil-${d}`] });

    // Assess
    expect(org.settings.allowedDomains).toEqual([d]);
    expect(res.status).toBe(207);
    expect(res.body.results.map((r: { email: string; status: string }) => [r.email, r.status])).toEqual([
      [`bob@${d}`, 'invited'],
      [`eve@eu.${d}`, 'domain_not_allowed'],
      [`mallory@evil-${d}`, 'domain_not_allowed'],
    ]);
    expect(res.body.results[1]!.code).toBe('domain_not_allowed');
  });

  it('a subdomain is allowed when it is listed itself', async () => {
    const d = `acme-${unique()}.com`;
    const admin = await api.user('Ada', { email: `ada@${d}` });
    const org = await api.createOrg(admin, { allowedDomains: [d, `eu.${d}`] });

    const res = await api.invite(admin, org.orgId, { emails: [`eve@eu.${d}`] });

    expect(res.status).toBe(201);
  });

  it('an internationalized domain must be given in punycode; the Unicode form is refused with a clear error', async () => {
    const admin = await api.user('Ada');
    const unicode = await api.as(admin).post('/orgs', { name: 'Bücher', allowedDomains: ['bücher.de'] });
    const punycode = await api.as(admin).post('/orgs', { name: 'Bücher', allowedDomains: ['xn--bcher-kva.de'] });

    expect(unicode.status).toBe(400);
    expect(unicode.body.code).toBe('validation_failed');
    expect(unicode.body.detail).toMatch(/punycode/);
    expect(unicode.body.errors![0]!.path).toBe('allowedDomains.0');
    expect(punycode.status).toBe(201);
    expect(punycode.body.org.settings.allowedDomains).toEqual(['xn--bcher-kva.de']);
  });

  it('a value that is not a domain is refused', async () => {
    const admin = await api.user('Ada');
    const org = await api.createOrg(admin);

    for (const bad of ['localhost', 'acme', '1.2.3.4', '-acme.com', '*.acme.com', 'acme..com']) {
      const res = await api.as(admin).patch(`/orgs/${org.orgId}`, { allowedDomains: [bad] });
      expect(res.status, bad).toBe(400);
    }
  });

  it('changing the list affects new invitations only: members and invitations already sent stay', async () => {
    // Prepare
    const a = `a-${unique()}.com`;
    const b = `b-${unique()}.com`;
    const admin = await api.user('Ada', { email: `ada@${a}` });
    const org = await api.createOrg(admin, { allowedDomains: [a] });
    const bob = await api.user('Bob', { email: `bob@${a}` });
    const carol = await api.user('Carol', { email: `carol@${a}` });
    const sent = await api.invite(admin, org.orgId, { emails: [bob.email, carol.email] });
    const [bobInv, carolInv] = sent.body.results.map((r) => r.invitationId);
    await api.as(bob).post('/invitations/accept', { token: await db.linkToken(org.orgId, bobInv!) });

    // Act
    const patched = await api.as(admin).patch(`/orgs/${org.orgId}`, { allowedDomains: [b] });
    const carolAccepts = await api.as(carol).post('/invitations/accept', { token: await db.linkToken(org.orgId, carolInv!) });
    const newInvite = await api.invite(admin, org.orgId, { emails: [`dave@${a}`, `erin@${b}`] });

    // Assess
    expect(patched.status).toBe(200);
    expect((await api.as(bob).get(`/orgs/${org.orgId}`)).status).toBe(200);
    expect(carolAccepts.status).toBe(200);
    expect(newInvite.body.results.map((r: { status: string }) => r.status)).toEqual(['domain_not_allowed', 'invited']);
  });
});

describe('auto-join', { timeout: 120_000 }, () => {
  async function autoJoinOrg(role: 'member' | 'viewer' = 'member') {
    const d = `corp-${unique()}.com`;
    const admin = await api.user('Ada', { email: `ada@${d}` });
    const org = await api.createOrg(admin, { allowedDomains: [d] });
    const res = await api.as(admin).patch(`/orgs/${org.orgId}`, { autoJoin: { enabled: true, role } });
    expect(res.status).toBe(200);
    return { d, admin, org };
  }

  it('a colleague with a verified address on an allowed domain joins with the auto-join role', async () => {
    // Prepare
    const { d, org } = await autoJoinOrg('viewer');
    const colleague = await api.user('Cole', { email: `Cole@${d.toUpperCase()}` });

    // Act
    const res = await api.as(colleague).post(`/orgs/${org.orgId}/join`);

    // Assess
    expect(res.status).toBe(200);
    expect(res.body.membership).toMatchObject({ orgId: org.orgId, userId: colleague.userId, role: 'viewer', status: 'active' });
    expect(res.body.org).toMatchObject({ orgId: org.orgId, counts: { members: 2, admins: 1 } });
    expect((await api.as(colleague).get(`/orgs/${org.orgId}`)).status).toBe(200);
  });

  it('each refusal has its own answer: unverified, other domain, subdomain, off, already a member', async () => {
    const { d, admin, org } = await autoJoinOrg();
    const unverified = await api.user('Una', { email: `una@${d}`, emailVerified: false });
    const outsider = await api.user('Otto', { email: `otto@other-${d}` });
    const sub = await api.user('Sub', { email: `sub@eu.${d}` });

    const r1 = await api.as(unverified).post(`/orgs/${org.orgId}/join`);
    const r2 = await api.as(outsider).post(`/orgs/${org.orgId}/join`);
    const r3 = await api.as(sub).post(`/orgs/${org.orgId}/join`);
    const r4 = await api.as(admin).post(`/orgs/${org.orgId}/join`);
    await api.as(admin).patch(`/orgs/${org.orgId}`, { autoJoin: { enabled: false, role: 'member' } });
    const colleague = await api.user('Cole', { email: `cole@${d}` });
    const r5 = await api.as(colleague).post(`/orgs/${org.orgId}/join`);

    expect([r1.status, r1.body.code]).toEqual([403, 'email_not_verified']);
    expect([r2.status, r2.body.code]).toEqual([403, 'domain_not_allowed']);
    expect([r3.status, r3.body.code]).toEqual([403, 'domain_not_allowed']);
    expect([r4.status, r4.body.code]).toEqual([409, 'already_member']);
    expect([r5.status, r5.body.code]).toEqual([403, 'auto_join_disabled']);
  });

  it('joining an org that does not exist is a 404', async () => {
    const someone = await api.user('Sam');
    const res = await api.as(someone).post('/orgs/org_DOESNOTEXIST/join');
    expect([res.status, res.body.code]).toEqual([404, 'org_not_found']);
  });

  it('auto-join cannot be enabled without an allowed domain, so an empty list never lets anyone in', async () => {
    const admin = await api.user('Ada');
    const org = await api.createOrg(admin);

    const res = await api.as(admin).patch(`/orgs/${org.orgId}`, { autoJoin: { enabled: true, role: 'member' } });

    expect(res.status).toBe(400);
    expect(res.body.errors![0]!.path).toBe('allowedDomains');
  });

  it('the allowed domains cannot be emptied while auto-join is on', async () => {
    const { admin, org } = await autoJoinOrg();

    const res = await api.as(admin).patch(`/orgs/${org.orgId}`, { allowedDomains: [] });

    expect(res.status).toBe(400);
  });

  it('auto-join never grants admin', async () => {
    const { admin, org } = await autoJoinOrg();

    const res = await api.as(admin).patch(`/orgs/${org.orgId}`, { autoJoin: { enabled: true, role: 'admin' } });

    expect(res.status).toBe(400);
  });

  it('a suspended member cannot rejoin through auto-join', async () => {
    const { d, org } = await autoJoinOrg();
    const colleague = await api.user('Cole', { email: `cole@${d}` });
    await api.as(colleague).post(`/orgs/${org.orgId}/join`);
    // suspending has its own route (members); set the stored status so this rule is tested on its own
    await db.set(`ORG#${org.orgId}`, `MEMBER#${colleague.userId}`, { status: 'suspended' });

    const res = await api.as(colleague).post(`/orgs/${org.orgId}/join`);

    expect([res.status, res.body.code]).toEqual([409, 'member_suspended']);
  });

  it('a colleague with a pending invitation joins through it, with the role the admin chose, not around it', async () => {
    // Prepare: auto-join would make Cole a member; the admin invited him as a viewer
    const { d, admin, org } = await autoJoinOrg('member');
    const colleague = await api.user('Cole', { email: `cole@${d}` });
    const invited = await api.invite(admin, org.orgId, { emails: [colleague.email], role: 'viewer' });
    const invitationId = invited.body.results[0]!.invitationId;

    // Act
    const joinable = await api.as(colleague).get('/me/joinable-organizations');
    const join = await api.as(colleague).post(`/orgs/${org.orgId}/join`);
    const countsAfterJoin = (await api.as(admin).get(`/orgs/${org.orgId}`)).body.org.counts;
    const accept = await api.as(colleague).post(`/me/invitations/${invitationId}/accept`);

    // Assess: the org is not offered for joining, a join is refused and changes nothing, the invitation admits him
    expect(joinable.status).toBe(200);
    expect(joinable.body.items).toEqual([]);
    expect([join.status, join.body.code]).toEqual([409, 'already_invited']);
    expect(countsAfterJoin).toEqual({ members: 1, admins: 1, pendingInvitations: 1 });
    expect(accept.status).toBe(200);
    expect(accept.body.membership).toMatchObject({ userId: colleague.userId, role: 'viewer' });
    expect((await api.as(admin).get(`/orgs/${org.orgId}`)).body.org.counts).toEqual({ members: 2, admins: 1, pendingInvitations: 0 });
  });

  it('race: an invite and an auto-join of the same person at once end as one of the two, never both', async () => {
    // Prepare: five colleagues, each invited and joining at the same moment
    const { d, admin, org } = await autoJoinOrg();
    const colleagues = await Promise.all(Array.from({ length: 5 }, (_, i) => api.user(`Cole${i}`, { email: `cole${i}@${d}` })));

    // Act
    const outcomes = await Promise.all(
      colleagues.map(async (c) => {
        const [invite, join] = await Promise.all([api.invite(admin, org.orgId, { emails: [c.email] }), api.as(c).post(`/orgs/${org.orgId}/join`)]);
        return `${invite.body.results[0]!.status}/${join.status === 200 ? 'joined' : join.body.code}`;
      }),
    );
    const counts = (await api.as(admin).get(`/orgs/${org.orgId}`)).body.org.counts;

    // Assess: whichever wrote first holds the email; the other is refused and wrote nothing
    for (const o of outcomes) expect(['already_member/joined', 'invited/already_invited']).toContain(o);
    const joined = outcomes.filter((o) => o.endsWith('/joined')).length;
    expect(counts).toEqual({ members: 1 + joined, admins: 1, pendingInvitations: 5 - joined });
  });

  it('two joins of one user at once make one membership', async () => {
    const { d, admin, org } = await autoJoinOrg();
    const colleague = await api.user('Cole', { email: `cole@${d}` });

    const results = await Promise.all(Array.from({ length: 5 }, () => api.as(colleague).post(`/orgs/${org.orgId}/join`)));

    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409]);
    expect((await api.as(admin).get(`/orgs/${org.orgId}`)).body.org.counts.members).toBe(2);
  });

  it('a user discovers the orgs their verified domain may join, and no longer sees one after joining', async () => {
    // Prepare
    const { d, org } = await autoJoinOrg();
    const other = await api.user('Olga', { email: `olga@${d}` });
    const closed = await api.createOrg(other, { allowedDomains: [d] }); // auto-join off: not listed
    const colleague = await api.user('Cole', { email: `cole@${d}` });

    // Act
    const before = await api.as(colleague).get('/me/joinable-organizations');
    await api.as(colleague).post(`/orgs/${org.orgId}/join`);
    const after = await api.as(colleague).get('/me/joinable-organizations');

    // Assess
    expect(before.status).toBe(200);
    expect(before.body).toEqual({ items: [{ orgId: org.orgId, name: 'Acme', role: 'member' }], nextCursor: null });
    expect(before.body.items.map((o: { orgId: string }) => o.orgId)).not.toContain(closed.orgId);
    expect(after.body.items).toEqual([]);
  });

  it('turning auto-join off or dropping the domain removes the org from discovery at once', async () => {
    const { d, admin, org } = await autoJoinOrg();
    const colleague = await api.user('Cole', { email: `cole@${d}` });
    const e = `e-${unique()}.com`;

    await api.as(admin).patch(`/orgs/${org.orgId}`, { allowedDomains: [e] });
    const dropped = await api.as(colleague).get('/me/joinable-organizations');
    const eUser = await api.user('Eli', { email: `eli@${e}` });
    const added = await api.as(eUser).get('/me/joinable-organizations');
    await api.as(admin).patch(`/orgs/${org.orgId}`, { autoJoin: { enabled: false, role: 'member' } });
    const off = await api.as(eUser).get('/me/joinable-organizations');

    expect(dropped.body.items).toEqual([]);
    expect(added.body.items.map((o: { orgId: string }) => o.orgId)).toEqual([org.orgId]);
    expect(off.body.items).toEqual([]);
  });

  it('swapping all 40 allowed domains of an auto-join org at once moves the whole index in one change', async () => {
    const tag = unique();
    const before = Array.from({ length: 40 }, (_, i) => `a${i}-${tag}.com`);
    const after = Array.from({ length: 40 }, (_, i) => `b${i}-${tag}.com`);
    const admin = await api.user('Ada', { email: `ada@${before[0]}` });
    const org = await api.createOrg(admin, { allowedDomains: before });
    await api.as(admin).patch(`/orgs/${org.orgId}`, { autoJoin: { enabled: true, role: 'member' } });

    const res = await api.as(admin).patch(`/orgs/${org.orgId}`, { allowedDomains: after });
    const tooMany = await api.as(admin).patch(`/orgs/${org.orgId}`, { allowedDomains: [...after, `c-${tag}.com`] });

    expect(res.status).toBe(200);
    expect(tooMany.status).toBe(400);
    expect(await db.partition(`AUTOJOIN#${before[39]}`)).toEqual([]);
    expect((await db.partition(`AUTOJOIN#${after[39]}`)).map((i) => i.orgId)).toEqual([org.orgId]);
  });

  it('an unverified user discovers nothing', async () => {
    const { d } = await autoJoinOrg();
    const unverified = await api.user('Una', { email: `una@${d}`, emailVerified: false });

    const res = await api.as(unverified).get('/me/joinable-organizations');

    expect([res.status, res.body.code]).toEqual([403, 'email_not_verified']);
  });
});
