import { describe, expect, it } from 'vitest';
import { useJoinLinkStack } from '../helpers/join-links.ts';
import { retryingBusy } from '../helpers/retry-busy.ts';
import type { User } from '../helpers/stack.ts';

/**
 * Join links (issue 23 §2) over HTTP against the real local stack: the secret shown once, who may
 * create and revoke, the public preview, accept under the rules of an invitation's accept, maxUses
 * under real concurrent requests.
 * The approval flow: join-link-approval.test.ts.
 */
const { api, db, unique, orgWithAdmin, createLink, accept, preview, links, memberIds, auditTypes, problem } = useJoinLinkStack();
/** What a retry answers when the attempt the deadline cut off had already joined the person. */
const cutOffAfterWrite = ([status, code]: unknown[]) =>
  (status === 409 && code === 'already_member') || (status === 410 && code === 'join_link_used_up') || (status === 409 && code === 'member_limit_reached');

describe('creating a link: admins only, the secret shown once', () => {
  it('answers the URL with its token once; the list and the table hold no token', async () => {
    const { admin, orgId } = await orgWithAdmin();

    const r = await api.as(admin).post(`/orgs/${orgId}/join-links`, { role: 'viewer', maxUses: 5 });

    expect(r.status).toBe(201);
    const url = new URL(r.body.url);
    expect(url.origin).toBe(new URL(api.stack.runtime.config.ACCEPT_URL_BASE).origin);
    expect(url.pathname).toBe('/join');
    const token = url.searchParams.get('token') as string;
    expect(token).toMatch(new RegExp(`^${orgId}\\.jl_[0-9A-Z]+\\.[A-Za-z0-9_-]{43}$`));
    expect(r.body.joinLink).toMatchObject({
      orgId,
      role: 'viewer',
      maxUses: 5,
      uses: 0,
      status: 'active',
      requireApproval: false,
      allowedDomains: [],
      revokedAt: null,
    });
    const secret = token.split('.')[2] as string;
    const listed = await api.as(admin).get(`/orgs/${orgId}/join-links`);
    expect(listed.body.items.map((l: { linkId: string }) => l.linkId)).toEqual([r.body.joinLink.linkId]);
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    expect(JSON.stringify(listed.body)).not.toContain('tokenHash');
    const stored = await db.item(`ORG#${orgId}`, `JOINLINK#${r.body.joinLink.linkId}`);
    expect(JSON.stringify(stored)).not.toContain(secret);
    expect(stored?.tokenHash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // the link expires after the documented default of 7 days
    expect(Date.parse(r.body.joinLink.expiresAt) - Date.parse(r.body.joinLink.createdAt)).toBe(7 * 86_400_000);
    expect(await auditTypes(admin, orgId, 'join_link.*')).toEqual(['join_link.created']);
  });

  it('a member or viewer is forbidden, an outsider learns nothing; nothing is written', async () => {
    const { admin, orgId } = await orgWithAdmin();
    const member = await api.user('Mo');
    await db.join(admin, orgId, member, 'member', { sendEmail: false });
    const outsider = await api.user('Out');

    const byMember = await api.as(member).post(`/orgs/${orgId}/join-links`, { role: 'member' });
    const byOutsider = await api.as(outsider).post(`/orgs/${orgId}/join-links`, { role: 'member' });

    expect(problem(byMember)).toEqual([403, 'forbidden']);
    expect(problem(byOutsider)).toEqual([404, 'org_not_found']);
    expect(await links(admin, orgId)).toEqual([]);
    expect(problem(await api.as(member).get(`/orgs/${orgId}/join-links`))).toEqual([403, 'forbidden']);
  });

  it('an org creates at most 100 links a UTC day: the 101st is a 429 with Retry-After and the RateLimit headers, and is not written', async () => {
    const { admin, orgId } = await orgWithAdmin();
    await createLink(admin, orgId, { role: 'member' });
    // the day's counter as 99 more creations would have left it (AP13), rather than 99 requests
    const day = new Date(Date.now()).toISOString().slice(0, 10);
    await db.set(`QUOTA#${orgId}`, `org_join_links#${day}`, { used: 100 });

    const refused = await api.as(admin).post(`/orgs/${orgId}/join-links`, { role: 'member' });

    expect(problem(refused)).toEqual([429, 'join_link_limit_reached']);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.headers.get('ratelimit')).toContain('"org_join_links";r=0');
    expect(refused.body.rateLimit).toMatchObject({ policy: 'org_join_links', quota: 100, remaining: 0 });
    expect(await links(admin, orgId)).toHaveLength(1);
  });

  it('bad input is a 400 problem+json naming the field, and no link or audit event is written', async () => {
    const { admin, orgId } = await orgWithAdmin({ allowedDomains: ['acme.test'] });
    const now = Date.now();
    const bad: [Record<string, unknown>, string][] = [
      [{ role: 'admin' }, 'body.role'],
      [{ role: 'owner' }, 'body.role'],
      [{}, 'body.role'],
      [{ role: 'member', maxUses: 0 }, 'body.maxUses'],
      [{ role: 'member', maxUses: 10_001 }, 'body.maxUses'],
      [{ role: 'member', maxUses: 2.5 }, 'body.maxUses'],
      [{ role: 'member', expiresAt: 'tomorrow' }, 'body.expiresAt'],
      [{ role: 'member', expiresAt: new Date(now - 60_000).toISOString() }, 'expiresAt'],
      [{ role: 'member', expiresAt: new Date(now + 91 * 86_400_000).toISOString() }, 'expiresAt'],
      [{ role: 'member', allowedDomains: ['not a domain'] }, 'allowedDomains.0'],
      // a link may narrow the org's allowed domains, never widen them
      [{ role: 'member', allowedDomains: ['acme.test', 'elsewhere.test'] }, 'allowedDomains.1'],
      [{ role: 'member', requireApproval: 'yes' }, 'body.requireApproval'],
      [{ role: 'member', token: 'mine' }, 'body'],
    ];
    for (const [body, path] of bad) {
      const r = await api.as(admin).post(`/orgs/${orgId}/join-links`, body);
      expect([r.status, r.body.code, r.headers.get('content-type')], JSON.stringify(body)).toEqual([400, 'validation_failed', 'application/problem+json']);
      expect(
        r.body.errors!.map((e: { path: string }) => e.path),
        JSON.stringify(body),
      ).toContain(path);
      expect(JSON.stringify(r.body)).not.toMatch(/at .*\.ts:\d+/);
    }
    expect(await links(admin, orgId)).toEqual([]);
    expect(await auditTypes(admin, orgId, 'join_link.*')).toEqual([]);
    const ok = await api
      .as(admin)
      .post(`/orgs/${orgId}/join-links`, { role: 'member', expiresAt: new Date(now + 90 * 86_400_000 - 60_000).toISOString(), allowedDomains: ['ACME.test'] });
    expect(ok.status).toBe(201);
    expect(ok.body.joinLink.allowedDomains).toEqual(['acme.test']);
  });
});

describe('the public preview', () => {
  it('shows the org name, role and expiry to anyone with the token, and nothing for a token that is not one', async () => {
    const { admin, orgId } = await orgWithAdmin({ name: 'Preview Co' });
    const { token, link } = await createLink(admin, orgId, { role: 'member', requireApproval: true });

    const r = await preview(token);
    const [o, l, secret] = token.split('.') as [string, string, string];
    const tampered = await preview(`${o}.${l}.${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`);
    const unknown = await preview(`${o}.jl_00000000000000000000000000.${secret}`);
    const garbage = await preview('x'.repeat(40));

    expect(r.status).toBe(200);
    expect(r.body).toEqual({ orgId, orgName: 'Preview Co', role: 'member', expiresAt: link.expiresAt, requireApproval: true });
    for (const res of [tampered, unknown, garbage]) {
      expect(problem(res)).toEqual([404, 'join_link_not_found']);
      expect(JSON.stringify(res.body)).not.toContain('Preview Co');
    }
  });
});

describe('accepting a link', () => {
  it("a verified user joins with the link's role; a second accept answers already_member; the use is counted", async () => {
    const { admin, orgId } = await orgWithAdmin();
    const { token, link } = await createLink(admin, orgId, { role: 'viewer' });
    const bob = await api.user('Bob');

    const first = await accept(bob, token);
    const again = await accept(bob, token);

    expect(first.status).toBe(200);
    expect(first.body.membership).toMatchObject({ orgId, userId: bob.userId, role: 'viewer', status: 'active', email: bob.email });
    expect(first.body.org.counts.members).toBe(2);
    expect(problem(again)).toEqual([409, 'already_member']);
    expect(await memberIds(admin, orgId)).toContain(bob.userId);
    expect((await links(admin, orgId))[0]).toMatchObject({ linkId: link.linkId, uses: 1 });
    const events = (await api.as(admin).get(`/orgs/${orgId}/audit?type=member.added`)).body.items;
    expect(events.find((e) => e.target.userId === bob.userId)?.details).toMatchObject({
      via: 'join_link',
      linkId: link.linkId,
    });
  });

  it('an unverified email is refused and nothing is written', async () => {
    const { admin, orgId } = await orgWithAdmin();
    const { token } = await createLink(admin, orgId, { role: 'member' });
    const eve = await api.user('Eve', { emailVerified: false });

    const r = await accept(eve, token);

    expect(problem(r)).toEqual([403, 'email_not_verified']);
    expect(await memberIds(admin, orgId)).not.toContain(eve.userId);
    expect((await links(admin, orgId))[0]!.uses).toBe(0);
  });

  it('bad input is a 400 problem+json and nothing is written', async () => {
    const { admin, orgId } = await orgWithAdmin();
    await createLink(admin, orgId, { role: 'member' });
    const bob = await api.user('Bob');

    const missing = await api.as(bob).post('/join-links/accept', {});
    const extra = await api.as(bob).post('/join-links/accept', { token: 'x'.repeat(40), role: 'admin' });
    const short = await api.as(bob).post('/join-links/accept', { token: 'short' });
    const anonymous = await api.request('POST', '/join-links/accept', { body: { token: 'x'.repeat(40) } });

    for (const r of [missing, extra, short])
      expect([r.status, r.body.code, r.headers.get('content-type')]).toEqual([400, 'validation_failed', 'application/problem+json']);
    expect(anonymous.status).toBe(401);
    expect(await memberIds(admin, orgId)).toEqual([admin.userId]);
    expect((await links(admin, orgId))[0]!.uses).toBe(0);
  });

  it('50 concurrent accepts of a 10-use link admit exactly 10; the other 40 are told the link is used up', { timeout: 180_000 }, async () => {
    const { admin, orgId } = await orgWithAdmin();
    const { token, link } = await createLink(admin, orgId, { role: 'member', maxUses: 10 });
    const people: User[] = [];
    for (let i = 0; i < 50; i += 10) people.push(...(await Promise.all(Array.from({ length: 10 }, (_, k) => api.user(`p${i + k}`)))));

    const outcomes = await Promise.all(people.map(async (p) => ({ userId: p.userId, ...(await retryingBusy(() => accept(p, token))) })));

    // exactly 10 joined: the members say who, whatever their answers
    const members = await memberIds(admin, orgId);
    expect(members).toHaveLength(11);
    const joined = outcomes.filter((o) => members.includes(o.userId));
    expect(joined).toHaveLength(10);
    // each of them was told so, or was cut off after the write (503) and told on the retry what the link now says of them
    for (const { res, retried } of joined) expect(res.status === 200 || (retried && cutOffAfterWrite(problem(res))), JSON.stringify(problem(res))).toBe(true);
    expect(outcomes.filter((o) => !joined.includes(o)).map((o) => problem(o.res))).toEqual(Array.from({ length: 40 }, () => [410, 'join_link_used_up']));
    expect((await api.as(admin).get(`/orgs/${orgId}`)).body.org.counts.members).toBe(11);
    expect((await links(admin, orgId)).find((l: { linkId: string }) => l.linkId === link.linkId)).toMatchObject({ uses: 10, status: 'used_up' });
    expect(problem(await preview(token))).toEqual([410, 'join_link_used_up']);
  });

  it('a revoked link is dead at once: preview and accept answer revoked; revoking again changes nothing', async () => {
    const { admin, orgId } = await orgWithAdmin({ name: 'Secret Org' });
    const { token, link } = await createLink(admin, orgId, { role: 'member' });
    const bob = await api.user('Bob');
    const member = await api.user('Mo');
    await db.join(admin, orgId, member, 'member', { sendEmail: false });

    const byMember = await api.as(member).delete(`/orgs/${orgId}/join-links/${link.linkId}`);
    const revoked = await api.as(admin).delete(`/orgs/${orgId}/join-links/${link.linkId}`);
    const seen = await preview(token);
    const tried = await accept(bob, token);
    const twice = await api.as(admin).delete(`/orgs/${orgId}/join-links/${link.linkId}`);
    const unknown = await api.as(admin).delete(`/orgs/${orgId}/join-links/jl_00000000000000000000000000`);

    expect(problem(byMember)).toEqual([403, 'forbidden']);
    expect(revoked.status).toBe(204);
    expect(problem(seen)).toEqual([410, 'join_link_revoked']);
    expect(JSON.stringify(seen.body)).not.toContain('Secret Org');
    expect(problem(tried)).toEqual([410, 'join_link_revoked']);
    expect(twice.status).toBe(204);
    expect(problem(unknown)).toEqual([404, 'join_link_not_found']);
    expect(await memberIds(admin, orgId)).not.toContain(bob.userId);
    expect((await links(admin, orgId))[0]).toMatchObject({ status: 'revoked', uses: 0 });
    expect(await auditTypes(admin, orgId, 'join_link.revoked')).toEqual(['join_link.revoked']);
  });

  it('an expired link answers expired to preview and accept', async () => {
    const { admin, orgId } = await orgWithAdmin();
    const { token } = await createLink(admin, orgId, { role: 'member', expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    const bob = await api.user('Bob');

    await api.setClock(2 * 3600);
    const seen = await preview(token);
    const tried = await accept(bob, token);

    expect(problem(seen)).toEqual([410, 'join_link_expired']);
    expect(problem(tried)).toEqual([410, 'join_link_expired']);
    expect(await memberIds(admin, orgId)).not.toContain(bob.userId);
  });

  it("the link's domains and the org's allowed domains both restrict who joins", async () => {
    const d = `corp-${unique()}.test`;
    const { admin, orgId } = await orgWithAdmin({ allowedDomains: [d, 'partner.test'] });
    const narrow = await createLink(admin, orgId, { role: 'member', allowedDomains: ['partner.test'] });
    const open = await createLink(admin, orgId, { role: 'member' });
    const colleague = await api.user('Col', { email: `col@${d}` });
    const partner = await api.user('Pat', { email: `pat.${unique()}@partner.test` });
    const stranger = await api.user('Str', { email: `str.${unique()}@elsewhere.test` });

    const colleagueOnNarrow = await accept(colleague, narrow.token);
    const strangerOnOpen = await accept(stranger, open.token);
    const partnerOnNarrow = await accept(partner, narrow.token);
    // the org narrows its domains while the open link is out: the colleague's domain no longer admits
    await api.as(admin).patch(`/orgs/${orgId}`, { allowedDomains: ['partner.test'] });
    const colleagueLater = await accept(colleague, open.token);

    expect(problem(colleagueOnNarrow)).toEqual([403, 'domain_not_allowed']);
    expect(problem(strangerOnOpen)).toEqual([403, 'domain_not_allowed']);
    expect(partnerOnNarrow.status).toBe(200);
    expect(problem(colleagueLater)).toEqual([403, 'domain_not_allowed']);
    expect((await memberIds(admin, orgId)).sort()).toEqual([admin.userId, partner.userId].sort());
  });

  it("the plan's member limit holds, also under concurrent accepts", async () => {
    const { admin, orgId } = await orgWithAdmin();
    await api.setPlan(orgId, 'tiny');
    const { token } = await createLink(admin, orgId, { role: 'member' });
    const people = await Promise.all(Array.from({ length: 5 }, (_, i) => api.user(`t${i}`)));

    const outcomes = await Promise.all(people.map(async (p) => ({ userId: p.userId, ...(await retryingBusy(() => accept(p, token))) })));

    const members = await memberIds(admin, orgId);
    expect(members).toHaveLength(3);
    const joined = outcomes.filter((o) => members.includes(o.userId));
    for (const { res, retried } of joined) expect(res.status === 200 || (retried && cutOffAfterWrite(problem(res))), JSON.stringify(problem(res))).toBe(true);
    expect(outcomes.filter((o) => !joined.includes(o)).map((o) => problem(o.res))).toEqual(Array.from({ length: 3 }, () => [409, 'member_limit_reached']));
    expect((await links(admin, orgId))[0]!.uses).toBe(2);
  });

  it('a suspended member stays suspended; someone with a pending invitation is sent to it', async () => {
    const { admin, orgId } = await orgWithAdmin();
    const { token } = await createLink(admin, orgId, { role: 'member' });
    const sam = await api.user('Sam');
    expect((await accept(sam, token)).status).toBe(200);
    await api.as(admin).patch(`/orgs/${orgId}/members/${sam.userId}`, { status: 'suspended' });
    const ivy = await api.user('Ivy');
    await api.invite(admin, orgId, { emails: ivy.email, role: 'admin', sendEmail: false });

    const samAgain = await accept(sam, token);
    const ivyByLink = await accept(ivy, token);

    expect(problem(samAgain)).toEqual([409, 'member_suspended']);
    const members = (await api.as(admin).get(`/orgs/${orgId}/members?limit=200`)).body.items as { userId: string; status: string }[];
    expect(members.find((m) => m.userId === sam.userId)?.status).toBe('suspended');
    expect(problem(ivyByLink)).toEqual([409, 'already_invited']);
    expect(members.map((m) => m.userId)).not.toContain(ivy.userId);
  });

  it("a deleted org's links answer revoked", async () => {
    const { admin, orgId } = await orgWithAdmin({ name: 'Gone Co' });
    const { token } = await createLink(admin, orgId, { role: 'member' });
    expect((await api.as(admin).delete(`/orgs/${orgId}`, { confirm: 'Gone Co' })).status).toBe(204);

    expect(problem(await preview(token))).toEqual([410, 'join_link_revoked']);
    expect(problem(await accept(await api.user('Bob'), token))).toEqual([410, 'join_link_revoked']);
    // and once the cleanup has removed the org's links, its tombstone still answers for them
    await api.stack.settle();
    expect((await db.partition(`ORG#${orgId}`)).filter((i) => i.entity === 'join_link')).toEqual([]);
    expect(problem(await preview(token))).toEqual([410, 'join_link_revoked']);
  });
});
