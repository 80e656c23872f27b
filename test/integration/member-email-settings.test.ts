import { describe, expect, it } from 'vitest';
import { catalogues } from '../../shared/domain/notifications/catalogues/index.ts';
import { formatDate } from '../../shared/domain/notifications/layout.ts';
import { fill } from '../../shared/domain/notifications/template.ts';
import { direct } from '../helpers/direct.ts';
import { useStack } from '../helpers/stack.ts';

/**
 * A member's own email settings (issue 23 §4): any active member sets the language and time zone of
 * the emails they get from an org on their own row (PATCH /orgs/{orgId}/members/{userId}); an admin
 * may set anyone's. Nothing else goes through a member's own PATCH. Read from the local SES.
 */
const api = useStack();
const db = direct(api);

const DAY = 86_400;
const inSeconds = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();

async function orgWithMember(extra: Record<string, unknown> = {}) {
  const ada = await api.user('Ada');
  const orgId = (await api.createOrg(ada)).orgId as string;
  const kei = await api.user('Kei');
  await db.join(ada, orgId, kei, 'member', { sendEmail: false, ...extra });
  return { ada, orgId, kei };
}

describe("a member's own email settings", () => {
  it('a member sets their language and time zone, and the next email to them is written in both', async () => {
    await api.setClock(0);
    const until = inSeconds(3 * DAY + 3600);
    const { orgId, kei } = await orgWithMember({ accessUntil: until });
    await api.stack.settle();

    const r = await api.as(kei).patch(`/orgs/${orgId}/members/${kei.userId}`, { locale: 'de', timeZone: 'asia/tokyo' });
    const mine = (await api.as(kei).get('/me/organizations')).body.items;
    const stored = await db.item(`ORG#${orgId}`, `MEMBER#${kei.userId}`);
    const events = (await api.stack.runtime.deps.audit.list(orgId, { types: ['member.email_settings_changed'] }, { limit: 10 })).items;
    await api.setClock(3600 + 60);
    await api.stack.settle();
    const ending = (await api.emailsTo(kei.email)).filter((m) => m.subject.includes('Acme'));
    await api.setClock(0);

    expect(r.status).toBe(200);
    expect(r.body.member).toMatchObject({ userId: kei.userId, role: 'member' });
    expect(mine).toEqual([expect.objectContaining({ orgId, locale: 'de', timeZone: 'Asia/Tokyo' })]);
    expect(stored).toMatchObject({ locale: 'de', timeZone: 'Asia/Tokyo', role: 'member', accessUntil: until });
    expect(events).toEqual([
      expect.objectContaining({
        actor: expect.objectContaining({ userId: kei.userId }),
        target: { userId: kei.userId, email: kei.email },
        details: { from: { locale: null, timeZone: null }, to: { locale: 'de', timeZone: 'Asia/Tokyo' } },
      }),
    ]);
    const when = formatDate(until, { t: catalogues.de, timeZone: 'Asia/Tokyo' });
    expect(ending.map((m) => m.subject)).toEqual([fill(catalogues.de.accessEnding.subject, { org: 'Acme', when })]);
    expect(when).toMatch(/GMT\+9$/);
  });

  it('null goes back to the defaults (the org language, UTC), and an admin may set them for a member', async () => {
    const { ada, orgId, kei } = await orgWithMember({ timeZone: 'America/Sao_Paulo' });

    const byAdmin = await api.as(ada).patch(`/orgs/${orgId}/members/${kei.userId}`, { locale: 'ja' });
    const afterAdmin = await db.item(`ORG#${orgId}`, `MEMBER#${kei.userId}`);
    const cleared = await api.as(kei).patch(`/orgs/${orgId}/members/${kei.userId}`, { locale: null, timeZone: null });
    const afterClear = await db.item(`ORG#${orgId}`, `MEMBER#${kei.userId}`);
    const again = await api.as(kei).patch(`/orgs/${orgId}/members/${kei.userId}`, { timeZone: null });
    const events = (await api.stack.runtime.deps.audit.list(orgId, { types: ['member.email_settings_changed'] }, { limit: 10 })).items;

    expect(byAdmin.status).toBe(200);
    expect(afterAdmin).toMatchObject({ locale: 'ja', timeZone: 'America/Sao_Paulo' });
    expect(cleared.status).toBe(200);
    expect(afterClear?.locale).toBeUndefined();
    expect(afterClear?.timeZone).toBeUndefined();
    expect(again.status).toBe(200);
    // newest first; clearing what is already clear records nothing
    expect(events.map((e) => [e.actor, e.details])).toEqual([
      [expect.objectContaining({ userId: kei.userId }), { from: { locale: 'ja', timeZone: 'America/Sao_Paulo' }, to: { locale: null, timeZone: null } }],
      [expect.objectContaining({ userId: ada.userId }), { from: { locale: null }, to: { locale: 'ja' } }],
    ]);
  });

  it("a member cannot change another member's settings, nor their own or another's role through this", async () => {
    const { ada, orgId, kei } = await orgWithMember();
    const sam = await api.user('Sam');
    await db.join(ada, orgId, sam, 'viewer', { sendEmail: false });

    const other = await api.as(kei).patch(`/orgs/${orgId}/members/${sam.userId}`, { locale: 'de' });
    const ownRole = await api.as(kei).patch(`/orgs/${orgId}/members/${kei.userId}`, { locale: 'de', role: 'admin' });
    const ownStatus = await api.as(sam).patch(`/orgs/${orgId}/members/${sam.userId}`, { timeZone: 'UTC', status: 'active' });
    const otherRole = await api.as(kei).patch(`/orgs/${orgId}/members/${sam.userId}`, { role: 'member' });
    const [keiRow, samRow] = [await db.item(`ORG#${orgId}`, `MEMBER#${kei.userId}`), await db.item(`ORG#${orgId}`, `MEMBER#${sam.userId}`)];

    for (const r of [other, ownRole, ownStatus, otherRole]) {
      expect(r.status).toBe(403);
      expect(r.body.code).toBe('forbidden');
    }
    expect(keiRow).toMatchObject({ role: 'member' });
    expect(keiRow?.locale).toBeUndefined();
    expect(samRow).toMatchObject({ role: 'viewer' });
    expect(samRow?.locale).toBeUndefined();
    expect(samRow?.timeZone).toBeUndefined();
  });

  it('a language the emails are not written in, or a zone that is not an IANA name, is refused with its code', async () => {
    const { orgId, kei } = await orgWithMember();
    const bad = [
      [{ locale: 'xx' }, 'locale_unsupported', 'locale'],
      [{ locale: 'de', timeZone: '+02:00' }, 'time_zone_invalid', 'timeZone'],
      [{ timeZone: 'Mars/Olympus' }, 'time_zone_invalid', 'timeZone'],
    ] as const;
    for (const [body, code, path] of bad) {
      const r = await api.as(kei).patch(`/orgs/${orgId}/members/${kei.userId}`, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body).toMatchObject({ code, errors: [{ path }] });
    }
    const row = await db.item(`ORG#${orgId}`, `MEMBER#${kei.userId}`);
    expect(row?.locale).toBeUndefined();
    expect(row?.timeZone).toBeUndefined();
  });
});
