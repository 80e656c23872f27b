import { describe, expect, it } from 'vitest';
import { catalogues } from '../../shared/domain/notifications/catalogues/index.ts';
import { formatDate } from '../../shared/domain/notifications/layout.ts';
import { direct } from '../helpers/direct.ts';
import { useStack } from '../helpers/stack.ts';

/**
 * Dates in emails in the recipient's time zone (issue 23 §4): an invitation's `timeZone` (the admin
 * knows where the invitee is), a signed-in person's `zoneinfo` claim (they said so themselves), else
 * UTC. Read from the local SES.
 */
const api = useStack();
const db = direct(api);

const DAY = 86_400;
const inSeconds = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();
const en = (iso: string, timeZone?: string) => formatDate(iso, { t: catalogues.en, ...(timeZone ? { timeZone } : {}) });

describe("an invitation's time zone", () => {
  it('is stored in its canonical name, shown on the invitation, and its email writes the expiry in it', async () => {
    const admin = await api.user('Ada');
    const org = await api.createOrg(admin);
    const [sam, kei, ann] = [await api.user('Sam'), await api.user('Kei'), await api.user('Ann')];
    const r = await api.invite(admin, org.orgId, {
      timeZone: 'america/sao_paulo',
      invitees: [{ email: sam.email }, { email: kei.email, timeZone: 'Asia/Tokyo', locale: 'ja' }],
    });
    const plain = await api.invite(admin, org.orgId, { emails: ann.email });
    expect(r.status).toBe(201);
    const [samId, keiId] = r.body.results.map((x) => x.invitationId as string);
    const samInv = (await api.as(admin).get(`/orgs/${org.orgId}/invitations/${samId}`)).body.invitation;
    const keiInv = (await api.as(admin).get(`/orgs/${org.orgId}/invitations/${keiId}`)).body.invitation;
    const annInv = (await api.as(admin).get(`/orgs/${org.orgId}/invitations/${plain.body.results[0]!.invitationId}`)).body.invitation;
    const [toSam] = await api.emailsTo(sam.email);
    const [toKei] = await api.emailsTo(kei.email);
    const [toAnn] = await api.emailsTo(ann.email);

    expect(samInv.timeZone).toBe('America/Sao_Paulo');
    expect(keiInv.timeZone).toBe('Asia/Tokyo');
    expect(annInv.timeZone).toBeUndefined();
    expect(toSam!.text).toContain(`expires on ${en(samInv.expiresAt, 'America/Sao_Paulo')}.`);
    expect(toSam!.text).toMatch(/GMT-3\./);
    expect(toKei!.text).toContain(formatDate(keiInv.expiresAt, { t: catalogues.ja, timeZone: 'Asia/Tokyo' }));
    expect(toKei!.text).toMatch(/\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d JST/);
    expect(toAnn!.text).toContain(`expires on ${en(annInv.expiresAt)}.`);
    expect(toAnn!.text).toMatch(/ UTC\./);
  });

  it('a name that is not an IANA time zone is refused with time_zone_invalid, and nobody is invited', async () => {
    const admin = await api.user('Ada');
    const org = await api.createOrg(admin);
    const bad = [
      [{ emails: 'z1@example.com', timeZone: 'Mars/Olympus' }, 'timeZone'],
      [{ emails: 'z2@example.com', timeZone: '+02:00' }, 'timeZone'],
      [{ invitees: [{ email: 'z3@example.com' }, { email: 'z4@example.com', timeZone: 'CEST' }] }, 'invitees.timeZone'],
    ] as const;
    for (const [body, path] of bad) {
      const r = await api.invite(admin, org.orgId, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
      expect(r.body).toMatchObject({ code: 'time_zone_invalid', errors: [{ path }] });
    }
    expect((await api.as(admin).get(`/orgs/${org.orgId}/invitations`)).body.items).toEqual([]);
    expect(await api.emailsTo('z1@example.com')).toEqual([]);
  });
});

describe("a member's time zone", () => {
  it("is their token's zoneinfo, else their invitation's; the end-of-access emails write the end in it", async () => {
    await api.setClock(0);
    const ada = await api.user('Ada', { zoneinfo: 'Europe/Berlin' });
    const orgId = (await api.createOrg(ada)).orgId as string;
    const until = inSeconds(3 * DAY + 3600);
    const kei = await api.user('Kei', { zoneinfo: 'Asia/Tokyo' });
    const sam = await api.user('Sam');
    // the admin thinks both are in São Paulo; Kei's identity provider knows better
    await db.join(ada, orgId, kei, 'member', { accessUntil: until, timeZone: 'America/Sao_Paulo' });
    await db.join(ada, orgId, sam, 'member', { accessUntil: until, timeZone: 'America/Sao_Paulo' });
    await api.stack.settle();
    const stored = {
      ada: await db.item(`ORG#${orgId}`, `MEMBER#${ada.userId}`),
      kei: await db.item(`ORG#${orgId}`, `MEMBER#${kei.userId}`),
      sam: await db.item(`ORG#${orgId}`, `MEMBER#${sam.userId}`),
    };
    await api.setClock(3600 + 60);
    await api.stack.settle();
    const ending = (m: { subject: string }) => / ends on /.test(m.subject);
    const [toKei, toSam, toAda] = [
      (await api.emailsTo(kei.email)).filter(ending),
      (await api.emailsTo(sam.email)).filter(ending),
      (await api.emailsTo(ada.email)).filter(ending),
    ];
    await api.setClock(0);

    expect(stored.ada?.timeZone).toBe('Europe/Berlin');
    expect(stored.kei?.timeZone).toBe('Asia/Tokyo');
    expect(stored.sam?.timeZone).toBe('America/Sao_Paulo');
    expect(toKei.map((m) => m.subject)).toEqual([`Your access to Acme ends on ${en(until, 'Asia/Tokyo')}`]);
    expect(toKei[0]!.subject).toMatch(/GMT\+9$/);
    expect(toSam.map((m) => m.subject)).toEqual([`Your access to Acme ends on ${en(until, 'America/Sao_Paulo')}`]);
    expect(toAda.map((m) => m.subject).sort()).toEqual(
      [`Access of Kei to Acme ends on ${en(until, 'Europe/Berlin')}`, `Access of Sam to Acme ends on ${en(until, 'Europe/Berlin')}`].sort(),
    );
  });
});
