import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { direct } from '../helpers/direct.ts';
import { statusesOf } from '../helpers/invite-results.ts';
import { enterpriseOrgAndColleague } from '../helpers/members.ts';
import { everyPage } from '../helpers/paging.ts';
import { useStack } from '../helpers/stack.ts';

const api = useStack();
const db = direct(api);

/** Every item of the org's partition and audit trail, to prove the dry run wrote nothing. */
async function everything(orgId: string) {
  const { doc, name } = api.stack.runtime.table;
  const q = async (pk: string) =>
    (await doc.send(new QueryCommand({ TableName: name, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': pk }, ConsistentRead: true })))
      .Items ?? [];
  return [...(await q(`ORG#${orgId}`)), ...(await q(`AUDIT#${orgId}`))];
}

const dryRun = (orgId: string) => `/orgs/${orgId}/invitations?dryRun=true` as const;

describe('the invite dry run (POST /orgs/{orgId}/invitations?dryRun=true)', () => {
  it('answers per recipient what inviting would do, and writes, reserves and sends nothing', async () => {
    const { admin, org, invitee: pending } = await api.inviteOne('Admin', 'Pending');
    const member = await api.user('Member');
    await db.join(admin, org.orgId, member);
    const suspended = await api.user('Suspended');
    await db.join(admin, org.orgId, suspended);
    expect((await api.as(admin).patch(`/orgs/${org.orgId}/members/${suspended.userId}`, { status: 'suspended' })).status).toBe(200);
    await api.stack.settle();
    const before = await everything(org.orgId);
    const mailsBefore = (await api.request('GET', '/_local/emails')).body.items.length;

    const list = `${member.email}; ${pending.email}\tnot-an-address, new.person@example.com\n${suspended.email} NEW.person@example.com`;
    const r = await api.as(admin).post(dryRun(org.orgId), { emails: list, role: 'viewer' });

    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      dryRun: true,
      results: [
        { email: member.email, status: 'already_member', code: 'already_member' },
        { email: pending.email, status: 'already_invited', code: 'already_invited' },
        { email: 'not-an-address', status: 'invalid_email', code: 'invalid_email' },
        { email: 'new.person@example.com', status: 'ready' },
        { email: suspended.email, status: 'member_suspended', code: 'member_suspended' },
      ],
    });
    expect(await everything(org.orgId)).toEqual(before);
    await api.stack.settle();
    expect((await api.request('GET', '/_local/emails')).body.items).toHaveLength(mailsBefore);

    // the same request without dryRun does what the dry run said
    const real = await api.invite(admin, org.orgId, { emails: list, role: 'viewer' });
    expect(statusesOf(real)).toEqual(['already_member', 'already_invited', 'invalid_email', 'invited', 'member_suspended']);
  });

  it('flags addresses outside the allowed domains; an expired invitation no longer blocks', async () => {
    const admin = await api.user('Admin');
    const org = await api.createOrg(admin);
    expect((await api.as(admin).patch(`/orgs/${org.orgId}`, { allowedDomains: ['example.com'], invitationTtlDays: 1 })).status).toBe(200);
    await api.invite(admin, org.orgId, { emails: 'lapsed@example.com' });
    await api.setClock(2 * 86_400);
    try {
      const r = await api.as(admin).post(dryRun(org.orgId), { emails: ['lapsed@example.com', 'someone@elsewhere.org'] });
      expect(r.body.results).toEqual([
        { email: 'lapsed@example.com', status: 'ready' },
        { email: 'someone@elsewhere.org', status: 'domain_not_allowed', code: 'domain_not_allowed' },
      ]);
    } finally {
      await api.setClock(0);
    }
  });

  it('says who direct add would add at once, only where inviting would add them', async () => {
    const { admin, org, colleague } = await enterpriseOrgAndColleague(api);
    expect((await api.as(admin).patch(`/orgs/${org.orgId}`, { allowedDomains: ['corp.example'], directAddExistingUsers: true })).status).toBe(200);

    const r = await api.as(admin).post(dryRun(org.orgId), { emails: [colleague.email, 'unknown@corp.example'] });
    expect(r.body.results).toEqual([
      { email: colleague.email, status: 'would_add' },
      { email: 'unknown@corp.example', status: 'ready' },
    ]);
    // a silent invitation is never a direct add
    const silent = await api.as(admin).post(dryRun(org.orgId), { emails: [colleague.email], sendEmail: false });
    expect(silent.body.results).toEqual([{ email: colleague.email, status: 'ready' }]);
    expect(await db.item(`ORG#${org.orgId}`, `MEMBER#${colleague.userId}`)).toBeUndefined();
  });

  it('refuses what inviting refuses: a member, unknown teams, a bad flag; an outsider learns nothing', async () => {
    const admin = await api.user('Admin');
    const org = await api.createOrg(admin);
    const member = await api.user('Member');
    await db.join(admin, org.orgId, member);
    const outsider = await api.user('Outsider');

    expect((await api.as(member).post(dryRun(org.orgId), { emails: 'x@example.com' })).body.code).toBe('forbidden');
    expect((await api.as(outsider).post(dryRun(org.orgId), { emails: 'x@example.com' })).body.code).toBe('org_not_found');
    const teams = await api.as(admin).post(dryRun(org.orgId), { emails: 'x@example.com', teams: ['tm_nope'] });
    expect([teams.status, teams.body.code]).toEqual([400, 'unknown_teams']);
    const bad = await api.as(admin).post(`/orgs/${org.orgId}/invitations?dryRun=yes`, { emails: 'x@example.com' });
    expect([bad.status, bad.body.code]).toEqual([400, 'validation_failed']);
    expect((await api.as(admin).get(`/orgs/${org.orgId}/invitations?status=pending`)).body.items).toEqual([]);
  });
});

describe('searching members (GET /orgs/{orgId}/members?q=)', () => {
  it('finds members whose name or email holds every word, across pages', async () => {
    const admin = await api.user('Admin');
    const org = await api.createOrg(admin);
    const names = ['Ada Lovelace', 'Grace Hopper', 'Alan Turing', 'Ada Byron', 'Edsger Dijkstra'];
    const people = [];
    for (const n of names) {
      const u = await api.user(n);
      await db.join(admin, org.orgId, u);
      people.push(u);
    }
    const search = async (q: string, limit = 50) =>
      (await everyPage<{ name: string }>(api, admin, `/orgs/${org.orgId}/members?q=${encodeURIComponent(q)}&limit=${limit}`))
        .flat()
        .map((m) => m.name)
        .sort();
    expect(await search('ada')).toEqual(['Ada Byron', 'Ada Lovelace']);
    expect(await search('ADA love')).toEqual(['Ada Lovelace']);
    expect(await search('ada', 1)).toEqual(['Ada Byron', 'Ada Lovelace']);
    // the email counts too (addresses are name-based and unique here)
    expect(await search(people[2]!.email)).toEqual(['Alan Turing']);
    expect(await search('nobody-like-this')).toEqual([]);
    const tooLong = await api.as(admin).get(`/orgs/${org.orgId}/members?q=${'x'.repeat(101)}`);
    expect([tooLong.status, tooLong.body.code]).toEqual([400, 'validation_failed']);
  });
});
