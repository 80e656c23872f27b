import { describe, expect, it } from 'vitest';
import type { AccessJob } from '../../shared/ports.ts';
import { direct } from '../helpers/direct.ts';
import { type User, useStack } from '../helpers/stack.ts';

const api = useStack();
const db = direct(api);

const HOUR = 3600;
const DAY = 86_400;
/** An instant `seconds` from the stack's clock at offset 0 (the real time), as the API writes it. */
const inSeconds = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();

async function orgWith(roles: string[], extra: Record<string, unknown>[] = []) {
  const admin = await api.user('Ada');
  const org = await api.createOrg(admin);
  const people: User[] = [];
  for (const [i, role] of roles.entries()) {
    const u = await api.user(`${role}${i}`);
    await db.join(admin, org.orgId, u, role, extra[i] ?? {});
    people.push(u);
  }
  return { admin, orgId: org.orgId as string, people };
}

async function auditOf(orgId: string, types: string[]) {
  return (await api.stack.runtime.deps.audit.list(orgId, { types }, { limit: 200 })).items;
}

async function storedMember(orgId: string, userId: string) {
  return db.item(`ORG#${orgId}`, `MEMBER#${userId}`);
}

/** adminCount counts the active admins without an end date; the recount must agree with the rows. */
async function expectAdminCountMatchesRows(orgId: string) {
  const rows = (await db.partition(`ORG#${orgId}`)).filter((i) => String(i.SK).startsWith('MEMBER#'));
  const org = await db.item(`ORG#${orgId}`, 'ORG');
  expect(org?.memberCount).toBe(rows.length);
  expect(org?.adminCount).toBe(rows.filter((r) => r.role === 'admin' && r.status === 'active' && r.accessUntil === undefined).length);
}

/**
 * Cancels the schedules of a member's end of access (once the dispatcher made them), so no removal
 * runs when a test moves the clock past the end: what is left is the read-time check. Their kinds.
 */
async function holdRemoval(who: User) {
  await api.stack.settle();
  const schedules = (await api.stack.scheduler.pending()).filter((s) => s.job.kind.startsWith('access_') && (s.job as AccessJob).userId === who.userId);
  for (const s of schedules) await api.stack.scheduler.cancel(s.name);
  return schedules.map((s) => s.job.kind);
}

describe('an end of access on invitations', () => {
  it('an invitation with accessUntil gives the member that end date on accept, and expires by then at the latest', async () => {
    const { admin, org, invitee: bob } = await api.orgAndInvitee();
    const until = inSeconds(2 * DAY);

    const inv = await api.invite(admin, org.orgId, { emails: bob.email, accessUntil: until });
    expect(inv.status).toBe(201);
    const invitationId = inv.body.results[0]!.invitationId as string;
    const shown = await api.as(admin).get(`/orgs/${org.orgId}/invitations/${invitationId}`);
    // the org's TTL is 7 days: the invitation cannot outlive the access it grants
    expect(shown.body.invitation).toMatchObject({ accessUntil: until, expiresAt: until });

    const token = await db.linkToken(org.orgId, invitationId);
    const accepted = await api.as(bob).post('/invitations/accept', { token });
    expect(accepted.status).toBe(200);
    expect(accepted.body.membership.accessUntil).toBe(until);
    const listed = await api.as(admin).get(`/orgs/${org.orgId}/members`);
    expect(listed.body.items.find((m: { userId: string }) => m.userId === bob.userId)!.accessUntil).toBe(until);
    expect(listed.body.items.find((m: { userId: string }) => m.userId === admin.userId)!.accessUntil).toBeUndefined();
    const added = await auditOf(org.orgId, ['member.added']);
    expect(added.find((e) => e.target.userId === bob.userId)?.details).toMatchObject({ accessUntil: until });
  });

  it('a bulk invite gives the request-wide end to every recipient, and an invitee entry its own', async () => {
    await api.setClock(0);
    const admin = await api.user('Ada');
    const org = await api.createOrg(admin);
    const [c, d, e] = [await api.user('Cy'), await api.user('Di'), await api.user('Ed')];
    const all = inSeconds(30 * DAY);
    const own = inSeconds(10 * DAY);

    const res = await api.invite(admin, org.orgId, { emails: [c.email, d.email], accessUntil: all, invitees: [{ email: e.email, accessUntil: own }] });
    expect(res.status).toBe(201);
    const byEmail = new Map<string, string>(res.body.results.map((r): [string, string] => [r.email, r.invitationId!]));
    for (const [user, until] of [
      [c, all],
      [d, all],
      [e, own],
    ] as const) {
      const inv = await api.as(admin).get(`/orgs/${org.orgId}/invitations/${byEmail.get(user.email)}`);
      expect(inv.body.invitation.accessUntil).toBe(until);
      const token = await db.linkToken(org.orgId, byEmail.get(user.email) as string);
      expect((await api.as(user).post('/invitations/accept', { token })).body.membership.accessUntil).toBe(until);
    }
    // the 7-day TTL is sooner than 10 days: those invitations keep it
    const later = await api.as(admin).get(`/orgs/${org.orgId}/invitations/${byEmail.get(c.email)}`);
    expect(Date.parse(later.body.invitation.expiresAt)).toBeLessThan(Date.parse(all));
  });

  it('refuses an end in the past, beyond 5 years or malformed, and writes nothing', async () => {
    const { admin, org, invitee: bob } = await api.orgAndInvitee();
    const cases = [
      { body: { emails: bob.email, accessUntil: inSeconds(-60) }, code: 'access_until_invalid', path: 'accessUntil' },
      { body: { emails: bob.email, accessUntil: inSeconds(1827 * DAY) }, code: 'access_until_invalid', path: 'accessUntil' },
      { body: { invitees: [{ email: bob.email, accessUntil: inSeconds(-1) }] }, code: 'access_until_invalid', path: 'invitees.accessUntil' },
      { body: { emails: bob.email, accessUntil: 'next tuesday' }, code: 'validation_failed', path: 'body.accessUntil' },
      { body: { emails: bob.email, accessUntil: '2030-01-01' }, code: 'validation_failed', path: 'body.accessUntil' },
    ];
    for (const c of cases) {
      const r = await api.invite(admin, org.orgId, c.body);
      expect(r.status, JSON.stringify(c.body)).toBe(400);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
      expect(r.body.code).toBe(c.code);
      expect(r.body.errors!.map((e: { path: string }) => e.path)).toContain(c.path);
      expect(JSON.stringify(r.body)).not.toMatch(/at .*\.ts/);
    }
    // four years and 364 days is allowed
    expect((await api.invite(admin, org.orgId, { emails: 'x@example.com', accessUntil: inSeconds(1825 * DAY) })).status).toBe(201);
    const invitations = await api.as(admin).get(`/orgs/${org.orgId}/invitations`);
    expect(invitations.body.items.map((i: { email: string }) => i.email)).toEqual(['x@example.com']);
    expect(await api.emailsTo(bob.email)).toHaveLength(0);
  });
});

describe('an end of access on members', () => {
  it('admins set, extend and clear it (audited); bad values change nothing', async () => {
    await api.setClock(0);
    const { admin, orgId, people } = await orgWith(['member']);
    const bob = people[0] as User;
    const path = `/orgs/${orgId}/members/${bob.userId}` as const;
    const first = inSeconds(5 * DAY);
    const later = inSeconds(40 * DAY);

    const set = await api.as(admin).patch(path, { accessUntil: first });
    const extended = await api.as(admin).patch(path, { accessUntil: later });
    const bad = [
      await api.as(admin).patch(path, { accessUntil: inSeconds(-5) }),
      await api.as(admin).patch(path, { accessUntil: inSeconds(1900 * DAY) }),
      await api.as(admin).patch(path, { accessUntil: 'soon' }),
      await api.as(admin).patch(path, { accessUntil: 1234 }),
    ];
    const afterBad = await storedMember(orgId, bob.userId);
    const cleared = await api.as(admin).patch(path, { accessUntil: null });
    const again = await api.as(admin).patch(path, { accessUntil: null });

    expect(set.status).toBe(200);
    expect(set.body.member.accessUntil).toBe(first);
    expect(extended.body.member.accessUntil).toBe(later);
    expect(bad.map((r) => r.body.code)).toEqual(['access_until_invalid', 'access_until_invalid', 'validation_failed', 'validation_failed']);
    expect(bad.every((r) => r.status === 400)).toBe(true);
    expect(afterBad?.accessUntil).toBe(later);
    expect(cleared.status).toBe(200);
    expect(cleared.body.member.accessUntil).toBeUndefined();
    expect((await storedMember(orgId, bob.userId))?.accessUntil).toBeUndefined();
    expect(again.status).toBe(200);
    const events = (await auditOf(orgId, ['member.access_until_changed'])).reverse();
    expect(events.map((e) => e.details)).toEqual([
      { from: null, to: first },
      { from: first, to: later },
      { from: later, to: null },
    ]);
    expect(events.every((e) => e.target.userId === bob.userId && (e.actor as { userId?: string }).userId === admin.userId)).toBe(true);
  });

  it('only admins may set it', async () => {
    await api.setClock(0);
    const { orgId, people } = await orgWith(['member', 'viewer']);
    const [member, viewer] = people as [User, User];
    const r1 = await api.as(member).patch(`/orgs/${orgId}/members/${viewer.userId}`, { accessUntil: inSeconds(DAY) });
    const r2 = await api.as(member).patch(`/orgs/${orgId}/members/${member.userId}`, { accessUntil: null });
    expect([r1.status, r2.status]).toEqual([403, 403]);
    expect((await storedMember(orgId, viewer.userId))?.accessUntil).toBeUndefined();
  });
});

describe('from accessUntil on, the member has no access (exact at read time)', () => {
  it('answers the member before the instant, and 404 from it on, with no job having run', async () => {
    await api.setClock(0);
    const until = inSeconds(2 * HOUR);
    const { admin, orgId, people } = await orgWith(['admin'], [{ accessUntil: until }]);
    const bea = people[0] as User;
    // no job may do it: the schedules of Bea's end are cancelled, so only the read-time check can refuse her
    // (the end only: a 72-hour reminder for an end 2 hours ahead is already past)
    expect(await holdRemoval(bea)).toEqual(['access_end']);

    // five minutes before: everything an admin may do
    await api.setClock(2 * HOUR - 300);
    const before = {
      org: await api.as(bea).get(`/orgs/${orgId}`),
      members: await api.as(bea).get(`/orgs/${orgId}/members`),
      invitations: await api.as(bea).get(`/orgs/${orgId}/invitations`),
      mine: await api.as(bea).get('/me/organizations'),
    };
    // from the instant on: an outsider, though the membership is still stored
    await api.setClock(2 * HOUR + 1);
    const after = {
      org: await api.as(bea).get(`/orgs/${orgId}`),
      members: await api.as(bea).get(`/orgs/${orgId}/members`),
      invitations: await api.as(bea).get(`/orgs/${orgId}/invitations`),
      invite: await api.invite(bea, orgId, { emails: 'z@example.com' }),
      patch: await api.as(bea).patch(`/orgs/${orgId}/members/${admin.userId}`, { role: 'member' }),
      audit: await api.as(bea).get(`/orgs/${orgId}/audit`),
      mine: await api.as(bea).get('/me/organizations'),
      // joining as anyone outside would: refused by the org's policy, not told she is a member
      join: await api.as(bea).post(`/orgs/${orgId}/join`),
    };
    const stored = await storedMember(orgId, bea.userId);
    const adminStill = await api.as(admin).get(`/orgs/${orgId}/members`);
    await api.setClock(0);

    expect([before.org.status, before.members.status, before.invitations.status]).toEqual([200, 200, 200]);
    expect(before.mine.body.items.map((o: { orgId: string }) => o.orgId)).toContain(orgId);
    for (const r of [after.org, after.members, after.invitations, after.invite, after.patch, after.audit]) {
      expect(r.status).toBe(404);
      expect(r.body.code).toBe('org_not_found');
    }
    expect(after.mine.body.items.map((o: { orgId: string }) => o.orgId)).not.toContain(orgId);
    expect([after.join.status, after.join.body.code]).toEqual([403, 'auto_join_disabled']);
    expect(stored?.status).toBe('active');
    expect(adminStill.status).toBe(200);
    expect(adminStill.body.items.find((m: { userId: string }) => m.userId === bea.userId)!.accessUntil).toBe(until);
  });

  it('the members list filters ended members (their end passed, the removal not run yet) apart from active ones', async () => {
    await api.setClock(0);
    const { admin, orgId, people } = await orgWith(['member', 'member'], [{ accessUntil: inSeconds(HOUR) }, {}]);
    const [bob, cleo] = people as [User, User];
    // the removal has not run yet: the local Scheduler would fire it as soon as the clock passes the end
    await holdRemoval(bob);
    const listed = async (status: string) =>
      ((await api.as(admin).get(`/orgs/${orgId}/members?status=${status}`)).body.items as { userId: string }[]).map((m) => m.userId).sort();
    const before = { active: await listed('active'), ended: await listed('ended') };
    await api.setClock(HOUR + 10);
    const after = { active: await listed('active'), ended: await listed('ended'), both: await listed('active,ended') };
    const bad = await api.as(admin).get(`/orgs/${orgId}/members?status=gone`);
    await api.setClock(0);
    expect(before).toEqual({ active: [admin.userId, bob.userId, cleo.userId].sort(), ended: [] });
    expect(after).toEqual({
      active: [admin.userId, cleo.userId].sort(),
      ended: [bob.userId],
      both: [admin.userId, bob.userId, cleo.userId].sort(),
    });
    expect([bad.status, bad.body.code]).toEqual([400, 'validation_failed']);
  });

  it('an admin extends an ended member before the removal, and access is back', async () => {
    await api.setClock(0);
    const { admin, orgId, people } = await orgWith(['member'], [{ accessUntil: inSeconds(HOUR) }]);
    const bob = people[0] as User;
    await holdRemoval(bob);
    await api.setClock(HOUR + 10);
    const ended = await api.as(bob).get(`/orgs/${orgId}`);
    const extended = await api.as(admin).patch(`/orgs/${orgId}/members/${bob.userId}`, { accessUntil: inSeconds(3 * HOUR) });
    const back = await api.as(bob).get(`/orgs/${orgId}`);
    await api.setClock(0);
    expect(ended.status).toBe(404);
    expect(extended.status).toBe(200);
    expect(back.status).toBe(200);
  });
});

describe('the last admin without an end date', () => {
  it('the only admin cannot give themselves an end date', async () => {
    await api.setClock(0);
    const { admin, orgId } = await orgWith(['member']);
    const r = await api.as(admin).patch(`/orgs/${orgId}/members/${admin.userId}`, { accessUntil: inSeconds(DAY) });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('last_admin');
    expect((await storedMember(orgId, admin.userId))?.accessUntil).toBeUndefined();
    expect(await auditOf(orgId, ['member.access_until_changed'])).toHaveLength(0);
    await expectAdminCountMatchesRows(orgId);
  });

  it('an admin with an end date does not count: the permanent one can neither leave, be demoted nor suspended', async () => {
    await api.setClock(0);
    const { admin, orgId, people } = await orgWith(['admin'], [{ accessUntil: inSeconds(30 * DAY) }]);
    const bea = people[0] as User;
    expect((await api.as(admin).get(`/orgs/${orgId}`)).body.org.counts.admins).toBe(1);
    const attempts = [
      await api.as(bea).patch(`/orgs/${orgId}/members/${admin.userId}`, { role: 'member' }),
      await api.as(bea).patch(`/orgs/${orgId}/members/${admin.userId}`, { status: 'suspended' }),
      await api.as(bea).patch(`/orgs/${orgId}/members/${admin.userId}`, { accessUntil: inSeconds(DAY) }),
      await api.as(bea).delete(`/orgs/${orgId}/members/${admin.userId}`),
      await api.as(admin).post(`/orgs/${orgId}/leave`),
    ];
    expect(attempts.map((r) => r.body.code)).toEqual(['last_admin', 'last_admin', 'last_admin', 'last_admin', 'last_admin']);
    // once Bea has no end date she counts, and Ada may go
    expect((await api.as(admin).patch(`/orgs/${orgId}/members/${bea.userId}`, { accessUntil: null })).status).toBe(200);
    expect((await api.as(admin).get(`/orgs/${orgId}`)).body.org.counts.admins).toBe(2);
    expect((await api.as(admin).post(`/orgs/${orgId}/leave`)).status).toBe(204);
    await expectAdminCountMatchesRows(orgId);
  });

  it('promoting a member with an end date does not make them count', async () => {
    await api.setClock(0);
    const { admin, orgId, people } = await orgWith(['member'], [{ accessUntil: inSeconds(30 * DAY) }]);
    const bob = people[0] as User;
    expect((await api.as(admin).patch(`/orgs/${orgId}/members/${bob.userId}`, { role: 'admin' })).status).toBe(200);
    const leave = await api.as(admin).post(`/orgs/${orgId}/leave`);
    expect(leave.body.code).toBe('last_admin');
    await expectAdminCountMatchesRows(orgId);
  });

  it('admins giving end dates at the same moment always leave one admin without one', async () => {
    for (let round = 0; round < 3; round++) {
      await api.setClock(0);
      const { admin, orgId, people } = await orgWith(['admin', 'admin']);
      const everyone = [admin, ...people] as User[];
      // each admin gives the next one an end date, all at once: at most two of three can pass
      const answers = await Promise.all(
        everyone.map((u, i) => api.as(u).patch(`/orgs/${orgId}/members/${(everyone[(i + 1) % 3] as User).userId}`, { accessUntil: inSeconds(DAY + i) })),
      );
      const codes = answers.map((r) => (r.status === 200 ? 'ok' : r.body.code));
      expect(codes.filter((c) => c === 'ok')).toHaveLength(2);
      expect(codes.filter((c) => c !== 'ok')).toEqual(['last_admin']);
      const rows = (await db.partition(`ORG#${orgId}`)).filter((i) => String(i.SK).startsWith('MEMBER#'));
      expect(rows.filter((r) => r.accessUntil === undefined)).toHaveLength(1);
      await expectAdminCountMatchesRows(orgId);
    }
  });

  it('two admins giving themselves an end date at once: exactly one passes', async () => {
    for (let round = 0; round < 3; round++) {
      await api.setClock(0);
      const { admin, orgId, people } = await orgWith(['admin']);
      const bea = people[0] as User;
      const [a, b] = await Promise.all([
        api.as(admin).patch(`/orgs/${orgId}/members/${admin.userId}`, { accessUntil: inSeconds(DAY) }),
        api.as(bea).patch(`/orgs/${orgId}/members/${bea.userId}`, { accessUntil: inSeconds(DAY) }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      expect([a, b].find((r) => r.status === 409)?.body.code).toBe('last_admin');
      await expectAdminCountMatchesRows(orgId);
    }
  });

  it('an admin invitation with an end date, accepted, does not add to the admins the rule counts', async () => {
    await api.setClock(0);
    const { admin, orgId } = await orgWith([], []);
    const bea = await api.user('Bea');
    await db.join(admin, orgId, bea, 'admin', { accessUntil: inSeconds(7 * DAY) });
    const org = await api.as(admin).get(`/orgs/${orgId}`);
    expect(org.body.org.counts).toMatchObject({ members: 2, admins: 1 });
    await expectAdminCountMatchesRows(orgId);
  });
});
