import { describe, expect, it } from 'vitest';
import { catalogues } from '../../shared/domain/notifications/catalogues/index.ts';
import { formatDate } from '../../shared/domain/notifications/layout.ts';
import type { AccessJob } from '../../shared/ports.ts';
import { direct } from '../helpers/direct.ts';
import { type User, useStack } from '../helpers/stack.ts';

const api = useStack();
const db = direct(api);

const DAY = 86_400;
const inSeconds = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();
/** An instant as the English emails write it (no zone known: UTC). */
const enDate = (iso: string) => formatDate(iso, { t: catalogues.en });

async function auditOf(orgId: string, types: string[]) {
  return (await api.stack.runtime.deps.audit.list(orgId, { types }, { limit: 200 })).items;
}

/** The emails about an end of access an address received (not its invitation). */
async function endingEmailsTo(to: string) {
  return (await api.emailsTo(to)).filter((m) => / ends on /.test(m.subject));
}

async function accessSchedulesOf(userId: string) {
  return (await api.stack.scheduler.pending()).filter((s) => s.job.kind.startsWith('access_') && (s.job as AccessJob).userId === userId);
}

async function orgWithGuest(accessUntil: string, name = 'Bob') {
  const admin = await api.user('Ada');
  const org = await api.createOrg(admin);
  const guest = await api.user(name, { email: `guest.${Math.random().toString(36).slice(2)}@example.com` });
  await db.join(admin, org.orgId, guest, 'member', { accessUntil });
  await api.stack.settle();
  return { admin, orgId: org.orgId as string, guest };
}

describe('the end of access, scheduled', () => {
  it('reminds the member and the admins 3 days before, once, then removes the membership with member.access_ended', async () => {
    await api.setClock(0);
    const until = inSeconds(4 * DAY);
    const { admin, orgId, guest } = await orgWithGuest(until);
    const second = await api.user('Second admin');
    await db.join(admin, orgId, second, 'admin');
    const schedules = await accessSchedulesOf(guest.userId);

    await api.setClock(DAY - 600);
    await api.stack.settle();
    const early = await endingEmailsTo(guest.email);
    await api.setClock(DAY + 60);
    await api.stack.settle();
    const reminded = { guest: await endingEmailsTo(guest.email), admin: await endingEmailsTo(admin.email), second: await endingEmailsTo(second.email) };
    await api.setClock(3 * DAY);
    await api.stack.settle();
    const stillOnce = await endingEmailsTo(guest.email);
    await api.setClock(4 * DAY + 5);
    await api.stack.settle();
    const row = await db.item(`ORG#${orgId}`, `MEMBER#${guest.userId}`);
    const org = await db.item(`ORG#${orgId}`, 'ORG');
    const ended = await auditOf(orgId, ['member.access_ended']);
    const remindedEvents = await auditOf(orgId, ['member.access_ending_reminded']);
    const left = await accessSchedulesOf(guest.userId);
    await api.setClock(0);
    // invited again: the claim on the email went with the membership
    const again = await api.invite(admin, orgId, { emails: guest.email });

    expect(schedules.map((s) => s.job.kind).sort()).toEqual(['access_end', 'access_reminder']);
    expect(schedules.find((s) => s.job.kind === 'access_end')?.at).toBe(new Date(Math.ceil(Date.parse(until) / 1000) * 1000).toISOString());
    expect(early).toHaveLength(0);
    expect(reminded.guest).toHaveLength(1);
    expect(reminded.guest[0]?.subject).toBe(`Your access to Acme ends on ${enDate(until)}`);
    expect(reminded.guest[0]?.subject).toMatch(/ends on \d{1,2} [A-Z][a-z]+ \d{4} at \d\d:\d\d UTC$/);
    expect(reminded.admin).toHaveLength(1);
    expect(reminded.admin[0]?.text).toContain(`${guest.name} (${guest.email})'s access to Acme ends on`);
    expect(reminded.admin[0]?.text).toContain(`/admin/${orgId}/members`);
    expect(reminded.second).toHaveLength(1);
    expect(stillOnce).toHaveLength(1);
    expect(remindedEvents).toHaveLength(1);
    expect(row).toBeUndefined();
    expect(org?.memberCount).toBe(2);
    expect(ended).toHaveLength(1);
    expect(ended[0]).toMatchObject({
      actor: { system: true },
      target: { userId: guest.userId, email: guest.email },
      details: { accessUntil: until, role: 'member' },
    });
    expect(left).toEqual([]);
    expect(again.body.results[0]?.status).toBe('invited');
  });

  it('an end moved later: the old schedules do nothing, the new end is reminded and removes; a cleared end removes nobody', async () => {
    await api.setClock(0);
    const { admin, orgId, guest } = await orgWithGuest(inSeconds(4 * DAY));
    const carol = await api.user('Carol');
    await db.join(admin, orgId, carol, 'viewer', { accessUntil: inSeconds(4 * DAY) });
    await api.stack.settle();
    const later = inSeconds(10 * DAY);
    expect((await api.as(admin).patch(`/orgs/${orgId}/members/${guest.userId}`, { accessUntil: later })).status).toBe(200);
    expect((await api.as(admin).patch(`/orgs/${orgId}/members/${carol.userId}`, { accessUntil: null })).status).toBe(200);
    await api.stack.settle();
    const afterChange = { guest: await accessSchedulesOf(guest.userId), carol: await accessSchedulesOf(carol.userId) };

    await api.setClock(4 * DAY + 5);
    await api.stack.settle();
    const atOldEnd = {
      guest: await api.as(guest).get(`/orgs/${orgId}`),
      carol: await api.as(carol).get(`/orgs/${orgId}`),
      emails: await endingEmailsTo(guest.email),
    };
    await api.setClock(7 * DAY + 60);
    await api.stack.settle();
    const reminded = await endingEmailsTo(guest.email);
    await api.setClock(10 * DAY + 5);
    await api.stack.settle();
    const rows = { guest: await db.item(`ORG#${orgId}`, `MEMBER#${guest.userId}`), carol: await db.item(`ORG#${orgId}`, `MEMBER#${carol.userId}`) };
    await api.setClock(0);

    expect(afterChange.guest.every((s) => (s.job as AccessJob).accessUntil === later)).toBe(true);
    expect(afterChange.guest).toHaveLength(2);
    expect(afterChange.carol).toEqual([]);
    expect(atOldEnd.guest.status).toBe(200);
    expect(atOldEnd.carol.status).toBe(200);
    expect(atOldEnd.emails).toHaveLength(0);
    expect(reminded).toHaveLength(1);
    expect(reminded[0]?.subject).toContain(enDate(later));
    expect(rows.guest).toBeUndefined();
    expect(rows.carol).toMatchObject({ status: 'active' });
    expect(await auditOf(orgId, ['member.access_ended'])).toHaveLength(1);
  });

  it("the org's lead time decides the reminder; 0 reminds nobody", async () => {
    await api.setClock(0);
    const admin = await api.user('Ada');
    const org = await api.createOrg(admin);
    const orgId = org.orgId as string;
    expect((await api.as(admin).patch(`/orgs/${orgId}`, { accessReminderHoursBeforeEnd: 24 })).body.org.settings.accessReminderHoursBeforeEnd).toBe(24);
    const bob = await api.user('Bob');
    const until = inSeconds(5 * DAY);
    await db.join(admin, orgId, bob, 'member', { accessUntil: until });
    await api.stack.settle();
    const reminder = (await accessSchedulesOf(bob.userId)).find((s) => s.job.kind === 'access_reminder');
    expect(reminder?.at).toBe(new Date(Math.floor((Date.parse(until) - DAY * 1000) / 1000) * 1000).toISOString());

    expect((await api.as(admin).patch(`/orgs/${orgId}`, { accessReminderHoursBeforeEnd: 0 })).status).toBe(200);
    const cy = await api.user('Cy');
    await db.join(admin, orgId, cy, 'member', { accessUntil: inSeconds(5 * DAY) });
    await api.stack.settle();
    expect((await accessSchedulesOf(cy.userId)).map((s) => s.job.kind)).toEqual(['access_end']);
    expect((await api.as(admin).patch(`/orgs/${orgId}`, { accessReminderHoursBeforeEnd: 721 })).body.code).toBe('validation_failed');
  });

  it("each recipient reads the reminder in their language: the member's invitation's, an admin's own, else the org's default", async () => {
    await api.setClock(0);
    const ada = await api.user('Ada');
    const orgId = (await api.createOrg(ada)).orgId as string;
    expect((await api.as(ada).patch(`/orgs/${orgId}`, { branding: { defaultLocale: 'de' } })).status).toBe(200);
    const kenji = await api.user('Kenji');
    await db.join(ada, orgId, kenji, 'admin', { locale: 'ja' });
    const guest = await api.user('Gaëlle', { email: `guest.${Math.random().toString(36).slice(2)}@example.com` });
    const until = inSeconds(3 * DAY + 3600);
    await db.join(ada, orgId, guest, 'member', { accessUntil: until, locale: 'fr' });
    await api.stack.settle();
    await api.setClock(3600 + 60);
    await api.stack.settle();
    const about = (m: { subject: string }) => /accès|Zugang|アクセス|access/.test(m.subject);
    const [toGuest, toAda, toKenji] = [
      (await api.emailsTo(guest.email)).filter(about),
      (await api.emailsTo(ada.email)).filter(about),
      (await api.emailsTo(kenji.email)).filter(about),
    ];
    await api.setClock(0);

    expect(toGuest).toHaveLength(1);
    expect(toGuest[0]?.subject).toBe(`Votre accès à Acme prend fin le ${formatDate(until, { t: catalogues.fr })}`);
    expect(toGuest[0]?.subject).toMatch(/le \d{1,2} [a-zéû]+\.? \d{4} à \d\d:\d\d UTC$/);
    expect(toGuest[0]?.html).toContain('<html lang="fr">');
    expect(toAda).toHaveLength(1);
    expect(toAda[0]?.subject).toBe(`Der Zugang von Gaëlle zu Acme endet am ${formatDate(until, { t: catalogues.de })}`);
    expect(toAda[0]?.text).toContain('Mitgliederseite');
    expect(toKenji).toHaveLength(1);
    expect(toKenji[0]?.subject).toMatch(/^Gaëlleさんの.+アクセスは\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d UTCに終了します$/);
  });

  it('names in the emails are escaped', async () => {
    await api.setClock(0);
    const { admin } = await orgWithGuest(inSeconds(3 * DAY + 3600), '<img src=x onerror=alert(1)>');
    await api.setClock(3600 + 60);
    await api.stack.settle();
    const [mail] = await endingEmailsTo(admin.email);
    await api.setClock(0);
    expect(mail?.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(mail?.html).not.toContain('<img');
  });
});

describe('the removal job against the rules', () => {
  it('an admin with an end date is removed at the end; the permanent admin stays the one admin', async () => {
    await api.setClock(0);
    const admin = await api.user('Ada');
    const org = await api.createOrg(admin);
    const orgId = org.orgId as string;
    const bea: User = await api.user('Bea');
    await db.join(admin, orgId, bea, 'admin', { accessUntil: inSeconds(2 * DAY) });
    await api.stack.settle();
    await api.setClock(2 * DAY + 5);
    await api.stack.settle();
    const row = await db.item(`ORG#${orgId}`, `MEMBER#${bea.userId}`);
    const stored = await db.item(`ORG#${orgId}`, 'ORG');
    await api.setClock(0);
    expect(row).toBeUndefined();
    expect(stored).toMatchObject({ memberCount: 1, adminCount: 1 });
  });
});
