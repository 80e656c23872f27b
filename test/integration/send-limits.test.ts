import { afterEach, describe, expect, it } from 'vitest';
import { direct } from '../helpers/direct.ts';
import { type User, useStack } from '../helpers/stack.ts';

/**
 * Send limits (issue 17), attacked over HTTP: a deployment with small daily quotas, so the attacks
 * reach them quickly. The `trial` plan is every new org's; `team` has the same quotas without a
 * warm-up.
 */
const api = useStack({
  plans: {
    default: 'trial',
    plans: {
      trial: {
        pendingInvitations: 500,
        members: 500,
        directAdd: false,
        invitationEmailsPerOrgPerDay: { max: 40, warmUpBase: 10, warmUpPerAcceptedInvitation: 5 },
        invitationEmailsPerInviterPerDay: 30,
        resendsPerOrgPerDay: 3,
        orgsCreatedPerUserPerDay: 2,
      },
      direct: {
        pendingInvitations: 500,
        members: 500,
        directAdd: true,
        invitationEmailsPerOrgPerDay: { max: 10, warmUpBase: 10, warmUpPerAcceptedInvitation: 0 },
        invitationEmailsPerInviterPerDay: 30,
        resendsPerOrgPerDay: 3,
        orgsCreatedPerUserPerDay: 2,
      },
      team: {
        pendingInvitations: 500,
        members: 500,
        directAdd: false,
        invitationEmailsPerOrgPerDay: { max: 1000, warmUpBase: 1000, warmUpPerAcceptedInvitation: 0 },
        invitationEmailsPerInviterPerDay: 30,
        resendsPerOrgPerDay: 100,
        orgsCreatedPerUserPerDay: 2,
      },
    },
  },
});
const db = direct(api);

afterEach(async () => {
  await api.setClock(0);
});

const unique = () => Math.random().toString(36).slice(2, 8);
const addresses = (n: number, tag = unique()) => Array.from({ length: n }, (_, i) => `p${i}.${tag}@example.com`);

function expectRateLimited(r: { status: number; body: any; headers: Headers }, code: string, policy: string, quota: number, remaining: number) {
  expect(r.status).toBe(429);
  expect(r.headers.get('content-type')).toBe('application/problem+json');
  expect(r.body.code).toBe(code);
  const retryAfter = Number(r.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(86_400);
  expect(r.headers.get('ratelimit-policy')).toBe(`"${policy}";q=${quota};w=86400`);
  expect(r.headers.get('ratelimit')).toBe(`"${policy}";r=${remaining};t=${retryAfter}`);
  expect(r.body.rateLimit).toEqual({ policy, quota, remaining, windowSeconds: 86_400, resetSeconds: retryAfter });
}

async function invitationsOf(orgId: string) {
  return (await db.partition(`ORG#${orgId}`)).filter((i) => String(i.SK).startsWith('INV#'));
}

describe('invitation emails per org per day, with a warm-up', () => {
  it('a direct add\'s "you were added" email counts against the same allowance as an invitation', async () => {
    const admin = await api.user('Direct');
    const org = await api.createOrg(admin);
    await api.setPlan(org.orgId, 'direct');
    const domain = `d${unique()}.example`;
    expect((await api.as(admin).patch(`/orgs/${org.orgId}`, { allowedDomains: [domain], directAddExistingUsers: true })).status).toBe(200);
    const known = await Promise.all(
      ['Ann', 'Ben', 'Cy'].map(async (name) => {
        const u = await api.user(name, { email: `${name.toLowerCase()}@${domain}` });
        await api.createOrg(u); // the service knows their verified address
        return u;
      }),
    );

    const added = await api.invite(admin, org.orgId, { emails: known.map((u) => u.email) });
    const tooMany = await api.invite(admin, org.orgId, { emails: Array.from({ length: 8 }, (_, i) => `new${i}@${domain}`) });
    const fits = await api.invite(admin, org.orgId, { emails: Array.from({ length: 7 }, (_, i) => `new${i}@${domain}`) });

    expect(added.body.results.map((r: { status: string }) => r.status)).toEqual(['added', 'added', 'added']);
    expectRateLimited(tooMany, 'invitation_limit_reached', 'org_invitation_emails', 10, 7);
    expect(fits.status).toBe(201);
    await api.stack.settle();
    expect((await Promise.all(known.map((u) => api.emailsTo(u.email)))).flat().map((m) => m.subject)).toEqual(
      Array(3).fill(expect.stringContaining('You were added to')),
    );
  });

  it("a burst of 50 concurrent invites at a new org's allowance ends with exactly the allowance sent", async () => {
    const admin = await api.user('Burst');
    const org = await api.createOrg(admin);
    const tag = unique();

    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => api.invite(admin, org.orgId, { emails: `burst${i}.${tag}@example.com` })));

    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(40);
    expect(statuses.filter((s) => s !== 201 && s !== 429)).toEqual([]);
    const refused = answers.find((a) => a.status === 429) as (typeof answers)[number];
    expectRateLimited(refused, 'invitation_limit_reached', 'org_invitation_emails', 10, 0);
    expect(await invitationsOf(org.orgId)).toHaveLength(10);
    await api.stack.settle();
    const mails = (await Promise.all(Array.from({ length: 50 }, (_, i) => api.emailsTo(`burst${i}.${tag}@example.com`)))).flat();
    expect(mails).toHaveLength(10);
  }, 180_000);

  it('a request larger than what is left is refused whole, writing nothing, and says how many are left', async () => {
    const admin = await api.user('Bulk');
    const org = await api.createOrg(admin);
    expect((await api.invite(admin, org.orgId, { emails: addresses(4) })).status).toBe(201);

    const r = await api.invite(admin, org.orgId, { emails: addresses(7), message: 'Buy now' });

    expectRateLimited(r, 'invitation_limit_reached', 'org_invitation_emails', 10, 6);
    expect(await invitationsOf(org.orgId)).toHaveLength(4);
    // what is left still goes through
    expect((await api.invite(admin, org.orgId, { emails: addresses(6) })).status).toBe(201);
  });

  it('recipients who were not invited (already invited, invalid) give their places back', async () => {
    const admin = await api.user('Giveback');
    const org = await api.createOrg(admin);
    const first = addresses(5);
    await api.invite(admin, org.orgId, { emails: first });

    const again = await api.invite(admin, org.orgId, { emails: [...first, 'not-an-address'] });
    const rest = await api.invite(admin, org.orgId, { emails: addresses(5) });

    expect(again.status).toBe(207);
    expect(rest.status).toBe(201);
  });

  it('the allowance grows with accepted invitations, not with members who came another way', async () => {
    const admin = await api.user('Grow');
    const org = await api.createOrg(admin);
    for (let i = 0; i < 2; i++) await db.join(admin, org.orgId, await api.user(`Member${i}`)); // 2 emails, 2 accepted
    // a colleague who joins by auto-join is a member too, but no email of the org was wanted by anyone
    expect((await api.as(admin).patch(`/orgs/${org.orgId}`, { allowedDomains: ['example.com'], autoJoin: { enabled: true, role: 'member' } })).status).toBe(
      200,
    );
    expect((await api.as(await api.user('Colleague')).post(`/orgs/${org.orgId}/join`)).status).toBe(200);
    expect((await api.as(admin).get(`/orgs/${org.orgId}`)).body.org.counts.members).toBe(4);

    // 10 + 2 x 5 = 20 a day, 2 used by the joins
    const r = await api.invite(admin, org.orgId, { emails: addresses(19) });
    const ok = await api.invite(admin, org.orgId, { emails: addresses(18) });

    expectRateLimited(r, 'invitation_limit_reached', 'org_invitation_emails', 20, 18);
    expect(ok.status).toBe(201);
  });

  it('sendEmail false sends nothing and is not counted; the next UTC day starts again', async () => {
    const admin = await api.user('Quiet');
    const org = await api.createOrg(admin);
    expect((await api.invite(admin, org.orgId, { emails: addresses(12), sendEmail: false })).status).toBe(201);
    expect((await api.invite(admin, org.orgId, { emails: addresses(10) })).status).toBe(201);
    expect((await api.invite(admin, org.orgId, { emails: addresses(1) })).status).toBe(429);
    try {
      await api.setClock(86_400);
      expect((await api.invite(admin, org.orgId, { emails: addresses(10) })).status).toBe(201);
    } finally {
      await api.setClock(0);
    }
  });
});

describe('invitation emails per inviter per day', () => {
  it('one account cannot multiply its allowance by creating orgs', async () => {
    const spammer = await api.user('Spammer');
    const orgs: { orgId: string }[] = [];
    for (let i = 0; i < 2; i++) {
      const org = await api.createOrg(spammer);
      await api.setPlan(org.orgId, 'team'); // no warm-up: only the inviter's quota stands in the way
      orgs.push(org);
    }

    expect((await api.invite(spammer, orgs[0]!.orgId, { emails: addresses(25) })).status).toBe(201);
    const r = await api.invite(spammer, orgs[1]!.orgId, { emails: addresses(10) });

    expectRateLimited(r, 'invitation_limit_reached', 'inviter_invitation_emails', 30, 5);
    expect(await invitationsOf(orgs[1]!.orgId)).toHaveLength(0);
  });
});

describe('orgs created per account per day', () => {
  it('concurrent creations stop at the limit; the refused ones write nothing', async () => {
    const mallory = await api.user('Mallory');

    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => api.as(mallory).post('/orgs', { name: `Org ${i}` })));

    expect(answers.filter((a) => a.status === 201)).toHaveLength(2);
    const refused = answers.filter((a) => a.status === 429);
    expect(refused).toHaveLength(4);
    expectRateLimited(refused[0] as (typeof answers)[number], 'org_creation_limit_reached', 'orgs_created', 2, 0);
    expect((await api.as(mallory).get('/me/organizations')).body.items).toHaveLength(2);
  });
});

describe('resends per org per day', () => {
  it('beside the per-invitation throttle, an org resends at most its daily quota', async () => {
    const admin: User = await api.user('Resender');
    const org = await api.createOrg(admin);
    const sent = await api.invite(admin, org.orgId, { emails: addresses(5) });
    const ids = sent.body.results.map((r) => r.invitationId as string);
    await api.setClock(120); // past each invitation's own 1-a-minute throttle

    const answers = [];
    for (const id of ids) answers.push(await api.as(admin).post(`/orgs/${org.orgId}/invitations/${id}/resend`));

    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429, 429]);
    expectRateLimited(answers[3] as (typeof answers)[number], 'resend_limit_reached', 'org_resends', 3, 0);
    const refusedId = ids[3];
    expect((await api.as(admin).get(`/orgs/${org.orgId}/invitations/${refusedId}`)).body.invitation.sendsRequested).toBe(1);
  });

  it("a resend refused for another reason does not use the org's quota", async () => {
    const admin = await api.user('Resender2');
    const org = await api.createOrg(admin);
    const sent = await api.invite(admin, org.orgId, { emails: addresses(1) });
    const id = sent.body.results[0]!.invitationId;
    await api.setClock(120);

    const first = await api.as(admin).post(`/orgs/${org.orgId}/invitations/${id}/resend`);
    const tooSoon = await api.as(admin).post(`/orgs/${org.orgId}/invitations/${id}/resend`);
    const quota = await db.item(`QUOTA#${org.orgId}`, `org_resends#${api.stack.clock.now().toISOString().slice(0, 10)}`);

    expect(first.status).toBe(200);
    expect(tooSoon.body.code).toBe('resend_rate_limited');
    expect(quota?.used).toBe(1);
  });
});
