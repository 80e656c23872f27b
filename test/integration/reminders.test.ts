import { describe, expect, it } from 'vitest';
import { handler as reminderHandler } from '../../functions/workers/reminder.ts';
import { dailyWindow } from '../../shared/domain/limits/quotas.ts';
import { linkTokenIn, useStack } from '../helpers/stack.ts';

const api = useStack();

const DAY = 86_400;
const HOUR = 3_600;

async function auditOf(orgId: string, type: string) {
  const page = await api.stack.runtime.deps.audit.list(orgId, { types: [type] }, { limit: 200 });
  return page.items;
}

async function schedulesOf(invitationId: string) {
  return (await api.stack.scheduler.pending()).filter((s) => s.name.endsWith(invitationId)).map((s) => s.name.split('-')[0]);
}

const reminders = <T extends { subject: string }>(mails: T[]) => mails.filter((m) => m.subject.startsWith('Reminder: '));

describe('reminders', () => {
  it('a pending invitation gets one reminder at the configured time, with a working link', async () => {
    // Prepare: default settings, 7-day invitations, reminder 48 h before expiry
    await api.setClock(0);
    const admin = await api.user('Ada');
    const org = await api.createOrg(admin, { name: 'Acme' });
    const bob = await api.user('Bob');
    await api.invite(admin, org.orgId, { emails: bob.email, role: 'viewer' });
    expect(await api.emailsTo(bob.email)).toHaveLength(1);

    // Act: just before the reminder time nothing; just after it, the reminder
    await api.setClock(5 * DAY - 60);
    const before = await api.emailsTo(bob.email);
    await api.setClock(5 * DAY + 5);
    const after = await api.emailsTo(bob.email);
    await api.setClock(6 * DAY);
    const later = await api.emailsTo(bob.email);

    // Assess
    expect(before).toHaveLength(1);
    expect(after).toHaveLength(2);
    expect(later).toHaveLength(2);
    const reminder = after[1]!;
    expect(reminder.subject).toMatch(/^Reminder: /);
    expect(reminder.text).toContain('Acme');
    expect(reminder.text).toContain('Ada');
    expect(reminder.text).toContain('a viewer');
    expect(reminder.text).toMatch(/expires on/);
    expect(reminder.html).toContain('Accept invitation');
    expect(await auditOf(org.orgId, 'invitation.reminded')).toHaveLength(1);
    // the reminder repeats the link of the invitation email, so both keep working
    const token = linkTokenIn(reminder.text);
    expect(token).toBe(linkTokenIn(after[0]!.text));
    const accepted = await api.as(bob).post('/invitations/accept', { token });
    expect(accepted.status).toBe(200);
    await api.setClock(0);
  });

  it('no reminder reaches an invitation that was accepted, declined or revoked, and their schedules are deleted', async () => {
    // Prepare
    await api.setClock(0);
    const admin = await api.user('Ada');
    const org = await api.createOrg(admin);
    const [acc, dec, rev] = [await api.user('Acc'), await api.user('Dec'), await api.user('Rev')];
    const res = await api.invite(admin, org.orgId, { emails: [acc.email, dec.email, rev.email] });
    const ids = res.body.results.map((r) => r.invitationId) as string[];
    await api.stack.settle();
    for (const id of ids) expect(await schedulesOf(id)).toEqual(expect.arrayContaining(['reminder', 'expiry']));

    // Act
    expect((await api.as(acc).post('/invitations/accept', { token: await api.linkTokenFor(acc.email) })).status).toBe(200);
    expect((await api.as(dec).post('/invitations/decline', { token: await api.linkTokenFor(dec.email) })).status).toBe(200);
    expect((await api.as(admin).post(`/orgs/${org.orgId}/invitations/${ids[2]}/revoke`)).status).toBe(200);
    await api.stack.settle();
    const left = await Promise.all(ids.map(schedulesOf));
    await api.setClock(5 * DAY + 60);

    // Assess
    expect(left).toEqual([[], [], []]);
    for (const u of [acc, dec, rev]) expect(reminders(await api.emailsTo(u.email))).toHaveLength(0);
    expect(await auditOf(org.orgId, 'invitation.reminded')).toHaveLength(0);
    await api.setClock(0);
  });

  it('a late or duplicate firing is harmless: one reminder, and none once the invitation is no longer pending', async () => {
    // Prepare
    const { admin, org, invitee: bob } = await api.orgAndInvitee();
    const carol = await api.user('Carol');
    const res = await api.invite(admin, org.orgId, { emails: [bob.email, carol.email] });
    const [bobInv, carolInv] = res.body.results.map((r) => r.invitationId) as string[];
    await api.stack.settle();
    expect((await api.as(carol).post('/invitations/accept', { token: await api.linkTokenFor(carol.email) })).status).toBe(200);

    // Act: the Scheduler delivers the same firing twice, and a stale one for the accepted invitation
    const first = await reminderHandler({ kind: 'reminder', orgId: org.orgId, invitationId: bobInv! });
    const again = await reminderHandler({ kind: 'reminder', orgId: org.orgId, invitationId: bobInv! });
    const stale = await reminderHandler({ kind: 'reminder', orgId: org.orgId, invitationId: carolInv! });

    // Assess
    expect([first.outcome, again.outcome, stale.outcome]).toEqual(['reminded', 'skipped', 'skipped']);
    expect(reminders(await api.emailsTo(bob.email))).toHaveLength(1);
    expect(reminders(await api.emailsTo(carol.email))).toHaveLength(0);
    expect(await auditOf(org.orgId, 'invitation.reminded')).toHaveLength(1);
  });

  it('a silent invitation gets no email and no reminder, but still an expiry schedule', async () => {
    // Prepare
    const { admin, org, invitee: bob } = await api.orgAndInvitee();

    // Act
    const res = await api.invite(admin, org.orgId, { emails: bob.email, sendEmail: false });
    const id = res.body.results[0]!.invitationId as string;
    await api.stack.settle();
    const schedules = await schedulesOf(id);
    await api.setClock(5 * DAY + 60);

    // Assess
    expect(schedules).toEqual(['expiry']);
    expect(await api.emailsTo(bob.email)).toHaveLength(0);
    expect(await auditOf(org.orgId, 'invitation.reminded')).toHaveLength(0);
    await api.setClock(0);
  });

  it('resending a silent invitation rolls it out: the email goes, and the reminder follows', async () => {
    // Prepare
    const { admin, org, invitee: bob } = await api.orgAndInvitee();
    const id = (await api.invite(admin, org.orgId, { emails: bob.email, sendEmail: false })).body.results[0]!.invitationId as string;
    await api.stack.settle();

    // Act
    const resent = await api.as(admin).post(`/orgs/${org.orgId}/invitations/${id}/resend`);
    const mails = await api.emailsTo(bob.email);
    const schedules = await schedulesOf(id);
    await api.setClock(5 * DAY + 60);

    // Assess
    expect(resent.status).toBe(200);
    expect(mails).toHaveLength(1);
    expect(schedules.sort()).toEqual(['expiry', 'reminder']);
    expect(reminders(await api.emailsTo(bob.email))).toHaveLength(1);
    await api.setClock(0);
  });

  it('reminderHoursBeforeExpiry moves the reminder, and 0 turns reminders off', async () => {
    // Prepare
    await api.setClock(0);
    const admin = await api.user('Ada');
    const early = await api.createOrg(admin, { name: 'Early' });
    const off = await api.createOrg(admin, { name: 'Off' });
    expect((await api.as(admin).patch(`/orgs/${early.orgId}`, { reminderHoursBeforeExpiry: 24 * 6 })).status).toBe(200);
    expect((await api.as(admin).patch(`/orgs/${off.orgId}`, { reminderHoursBeforeExpiry: 0 })).status).toBe(200);
    const bob = await api.user('Bob');
    const carol = await api.user('Carol');
    await api.invite(admin, early.orgId, { emails: bob.email });
    const offRes = await api.invite(admin, off.orgId, { emails: carol.email });
    await api.stack.settle();

    // Act and Assess: 6 days before a 7-day expiry is 1 day after the invite
    await api.setClock(DAY - HOUR);
    expect(reminders(await api.emailsTo(bob.email))).toHaveLength(0);
    await api.setClock(DAY + 60);
    expect(reminders(await api.emailsTo(bob.email))).toHaveLength(1);
    expect(await schedulesOf(offRes.body.results[0]!.invitationId!)).toEqual(['expiry']);
    await api.setClock(6 * DAY + 60);
    expect(reminders(await api.emailsTo(carol.email))).toHaveLength(0);
    await api.setClock(0);
  });

  it('a resend replaces the reminder schedule (one, not two) and the reminder carries the newest link', async () => {
    // Prepare
    await api.setClock(0);
    const { admin, org, invitee: bob, invitationId: id } = await api.inviteOne();

    // Act
    await api.setClock(2 * DAY);
    expect((await api.as(admin).post(`/orgs/${org.orgId}/invitations/${id}/resend`)).status).toBe(200);
    const newToken = await api.linkTokenFor(bob.email);
    const schedules = await schedulesOf(id);
    await api.setClock(5 * DAY + 60);
    const mails = await api.emailsTo(bob.email);

    // Assess
    expect(schedules.sort()).toEqual(['expiry', 'reminder']);
    expect(reminders(mails)).toHaveLength(1);
    expect(reminders(mails)[0]!.text).toContain(`token=${newToken}`);
    await api.setClock(0);
  });

  it("a reminder counts against the org's daily invitation-email allowance: sent and counted while there is room, not sent when the day's allowance is used up", async () => {
    // Prepare: two orgs, one person invited to each; on the reminder day one org has used its whole allowance
    await api.setClock(0);
    const admin = await api.user('Ada');
    const [roomy, full] = [await api.createOrg(admin, { name: 'Roomy' }), await api.createOrg(admin, { name: 'Full' })];
    const [bob, carol] = [await api.user('Bob'), await api.user('Carol')];
    await api.invite(admin, roomy.orgId, { emails: bob.email });
    await api.invite(admin, full.orgId, { emails: carol.email });
    await api.stack.settle();
    const reminderDay = dailyWindow(new Date(api.stack.clock.now().getTime() + (5 * DAY + 5) * 1000));
    const { quotas } = api.stack.runtime.deps;
    const allowance = 100; // the built-in standard plan's warm-up for a new org
    expect(
      await quotas.reserve(
        [{ counter: { name: 'org_invitation_emails', owner: full.orgId }, limit: allowance }],
        allowance,
        reminderDay,
        api.stack.clock.now(),
      ),
    ).toBeNull();

    // Act
    await api.setClock(5 * DAY + 5);
    const bobMails = await api.emailsTo(bob.email);
    const carolMails = await api.emailsTo(carol.email);
    // what the roomy org has left that day: the reminder took one place
    const probe = await quotas.reserve(
      [{ counter: { name: 'org_invitation_emails', owner: roomy.orgId }, limit: allowance }],
      allowance,
      reminderDay,
      api.stack.clock.now(),
    );
    await api.setClock(0);

    // Assess
    expect(reminders(bobMails)).toHaveLength(1);
    expect(reminders(carolMails)).toHaveLength(0);
    expect(probe).toMatchObject({ used: 1 });
  });
});
