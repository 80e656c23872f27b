import { describe, expect, it } from 'vitest';
import { memberHelpers } from '../helpers/members.ts';
import { type User, useStack } from '../helpers/stack.ts';

const api = useStack();
const { db, orgWith, auditOf, expectCountersMatchRows } = memberHelpers(api);

/** Direct add as issue 17 allows it: the operator enabled it for the plan, the admin for the org's own domain. */
async function enableDirectAdd(admin: User, orgId: string) {
  await api.setPlan(orgId, 'enterprise');
  const r = await api.as(admin).patch(`/orgs/${orgId}`, { allowedDomains: ['example.com'], directAddExistingUsers: true });
  expect(r.status).toBe(200);
}

describe('adding known users directly', () => {
  it('with directAddExistingUsers, a known user is added at once and told by email; a stranger is invited', async () => {
    const { admin, orgId } = await orgWith([]);
    const known = await api.user('Known');
    await api.createOrg(known, { name: 'Known Co' }); // the service now knows this verified email
    const stranger = await api.user('Stranger');
    const team = (await api.as(admin).post(`/orgs/${orgId}/teams`, { name: 'Field' })).body.team;
    await enableDirectAdd(admin, orgId);

    const r = await api.invite(admin, orgId, { emails: [known.email, stranger.email], role: 'viewer', teams: [team.teamId] });

    expect(r.status).toBe(201);
    expect(r.body.results).toEqual([
      { email: known.email, status: 'added' },
      { email: stranger.email, status: 'invited', invitationId: expect.any(String) },
    ]);
    const members = await api.as(known).get(`/orgs/${orgId}/members?teamId=${team.teamId}`);
    expect(members.body.items).toEqual([expect.objectContaining({ userId: known.userId, role: 'viewer', teams: [team.teamId] })]);
    const mails = await api.emailsTo(known.email);
    expect(mails.map((m) => m.subject)).toEqual(['You were added to Acme']);
    expect(mails[0]?.text).toContain('added you to Acme as a viewer');
    expect(mails[0]?.text).toMatch(/Leave Acme in one click: \S+\/leave\?token=\S+/);
    expect((await api.emailsTo(stranger.email))[0]?.subject).toContain('invited you');
    expect((await auditOf(orgId, ['member.added']))[0]).toMatchObject({ target: { userId: known.userId }, details: { via: 'direct' } });
    expect((await api.invite(admin, orgId, { emails: known.email })).body.results[0]!.status).toBe('already_member');
    await expectCountersMatchRows(orgId);
  });

  it('sendEmail false never adds anyone silently: the known user is invited instead; a pending invitation is not added over', async () => {
    // behaviour changed by issue 17: a direct add with sendEmail false used to place the person in the org unannounced
    const { admin, orgId } = await orgWith([]);
    const quiet = await api.user('Quiet');
    const pending = await api.user('Pending');
    for (const u of [quiet, pending]) await api.createOrg(u);
    await api.invite(admin, orgId, { emails: pending.email, sendEmail: false });
    await enableDirectAdd(admin, orgId);

    const quietRun = await api.invite(admin, orgId, { emails: [quiet.email, pending.email], sendEmail: false });
    const loudRun = await api.invite(admin, orgId, { emails: pending.email });

    expect(quietRun.status).toBe(207);
    expect(quietRun.body.results.map((x: { status: string }) => x.status)).toEqual(['invited', 'already_invited']);
    expect(loudRun.body.results.map((x: { status: string }) => x.status)).toEqual(['already_invited']);
    expect(await api.emailsTo(quiet.email)).toEqual([]);
    expect(await db.item(`ORG#${orgId}`, `MEMBER#${quiet.userId}`)).toBeUndefined();
    expect(await db.item(`ORG#${orgId}`, `MEMBER#${pending.userId}`)).toBeUndefined();
  });

  it('without the setting, a known user gets an invitation like anyone else', async () => {
    const { admin, orgId } = await orgWith([]);
    const known = await api.user('Known');
    await api.createOrg(known);
    const r = await api.invite(admin, orgId, { emails: known.email });
    expect(r.body.results[0]!.status).toBe('invited');
  });

  it('an unverified account is never added directly', async () => {
    const { admin, orgId } = await orgWith([]);
    const unverified = await api.user('Unverified', { emailVerified: false });
    await api.createOrg(unverified);
    await enableDirectAdd(admin, orgId);
    expect((await api.invite(admin, orgId, { emails: unverified.email })).body.results[0]!.status).toBe('invited');
  });
});
