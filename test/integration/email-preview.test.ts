import { describe, expect, it } from 'vitest';
import type { Invitation } from '../../shared/domain/model.ts';
import { invitationEmailInput } from '../../shared/domain/notifications/invitation-email.ts';
import { lookOf } from '../../shared/domain/notifications/layout.ts';
import { renderSample } from '../../shared/domain/notifications/preview.ts';
import { direct } from '../helpers/direct.ts';
import { useStack } from '../helpers/stack.ts';

const api = useStack();
const db = direct(api);

const ATTACK = '<img src=x onerror=alert(1)>"\'&';

async function brandedOrg(branding: Record<string, unknown>) {
  const admin = await api.user('Ada <b>');
  const org = await api.createOrg(admin, { name: `Acme ${ATTACK}` });
  const r = await api.as(admin).patch(`/orgs/${org.orgId}`, { branding: { replyTo: admin.email, ...branding } });
  expect(r.status).toBe(200);
  return { admin, orgId: org.orgId as string };
}

describe('what SES receives is the preview path rendering the same data', () => {
  it('a German invitation of a branded org in Tokyo time, byte for byte, with reply-to the named admin', async () => {
    const { admin, orgId } = await brandedOrg({
      displayName: `Acme GmbH ${ATTACK}`,
      logoUrl: 'https://cdn.example.com/logo.png?a=1&b=2',
      accentColor: '#0A7F3F',
      defaultLocale: 'fr',
    });
    const bob = await api.user('Bob');
    const inv = await api.invite(admin, orgId, { emails: bob.email, locale: 'de', timeZone: 'Asia/Tokyo', message: `Hallo ${ATTACK}\nZeile 2` });
    expect(inv.status).toBe(201);
    const invitationId = inv.body.results[0]!.invitationId as string;
    const mails = (await api.emailsTo(bob.email)) as { subject: string; text: string; html: string; replyTo?: string[] }[];
    expect(mails).toHaveLength(1);
    const sent = mails[0]!;

    const { deps } = api.stack.runtime;
    const stored = (await db.item(`ORG#${orgId}`, `INV#${invitationId}`)) as unknown as Invitation;
    const org = await deps.orgs.get(orgId);
    const acceptUrl = deps.urls.accept(deps.links.tokenFor(stored));
    const input = invitationEmailInput(stored, acceptUrl, 'invitation');
    const preview = renderSample(
      'invitation',
      {
        role: input.role,
        ...(input.message ? { message: input.message } : {}),
        inviterName: input.inviterName,
        adminEmail: admin.email,
        inviteeEmail: input.to,
        inviteeName: '',
        acceptUrl,
        appUrl: deps.urls.app,
        leaveUrl: '',
        reviewUrl: '',
        membersUrl: '',
        expiresAt: input.expiresAt,
        accessUntil: input.expiresAt,
      },
      lookOf(org, stored.locale, stored.timeZone),
    );
    expect(sent.subject).toBe(preview.subject);
    expect(sent.text).toBe(preview.text);
    expect(sent.html).toBe(preview.html);
    expect(sent.replyTo).toEqual([admin.email]);

    // and it is German, branded, escaped
    expect(sent.subject).toContain('eingeladen');
    expect(sent.html).toContain('<html lang="de">');
    expect(sent.html).toContain('<img src="https://cdn.example.com/logo.png?a=1&amp;b=2" width="120" height="40"');
    expect(sent.html).toContain('background:#0a7f3f');
    expect(sent.html).not.toMatch(/<img src=x|<b>|onerror=alert\(1\)>/);
    expect(sent.html).toContain('Acme GmbH &lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;');
    expect(sent.text).toContain(acceptUrl);
    expect(sent.text).toMatch(/\d{1,2}\. \S+ \d{4} um \d\d:\d\d GMT\+9/);
  });

  it('an invitation without a locale is written in the org default language, else English', async () => {
    const { admin, orgId } = await brandedOrg({ defaultLocale: 'ja' });
    const bob = await api.user('Bob');
    await api.invite(admin, orgId, { emails: bob.email });
    const [ja] = await api.emailsTo(bob.email);
    expect(ja!.subject).toContain('招待');
    expect(ja!.html).toContain('<html lang="ja">');
    expect(ja!.text).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);

    const plain = await api.user('Cy');
    const other = await api.createOrg(plain);
    const dee = await api.user('Dee');
    await api.invite(plain, other.orgId, { emails: dee.email });
    const [en] = await api.emailsTo(dee.email);
    expect(en!.subject).toMatch(/invited you to join Acme$/);
    expect(en!.text).toMatch(/expires on \d{1,2} [A-Z][a-z]+ \d{4}/);
  });
});

describe('GET /orgs/{orgId}/email-preview', () => {
  it('answers subject, text and html of every kind in the asked language, rendered by the sending functions', async () => {
    const { admin, orgId } = await brandedOrg({ displayName: `Acme ${ATTACK}`, logoUrl: 'https://cdn.example.com/l.png' });
    const kinds = ['invitation', 'reminder', 'added', 'join_request', 'invitation_accepted', 'renewal_requested', 'access_ending', 'member_access_ending'];
    const words: Record<string, RegExp> = {
      de: /Einladung|eingeladen|hinzugefügt|beitreten|beigetreten|Zugang/,
      fr: /invit|ajouté|rejoindre|rejoint|accès/,
      ja: /招待|追加|参加|アクセス/,
    };
    for (const kind of kinds) {
      for (const locale of ['de', 'fr', 'ja']) {
        const r = await api.as(admin).get(`/orgs/${orgId}/email-preview?kind=${kind}&locale=${locale}`);
        expect(r.status, `${kind} ${locale}`).toBe(200);
        expect(Object.keys(r.body).sort()).toEqual(['html', 'subject', 'text']);
        expect(r.body.subject + r.body.text, `${kind} ${locale}`).toMatch(words[locale]!);
        expect(r.body.html).toContain(`<html lang="${locale}">`);
        expect(r.body.html).toContain('width="120" height="40"');
        expect(r.body.html).not.toMatch(/<img src=x/);
        expect(r.body.subject).not.toMatch(/[\r\n]/);
      }
    }
  });

  it('writes the dates in the asked time zone (else UTC), as the sending functions do for a recipient in it', async () => {
    const { admin, orgId } = await brandedOrg({});
    const inTokyo = await api.as(admin).get(`/orgs/${orgId}/email-preview?kind=access_ending&locale=en&timeZone=asia/tokyo`);
    const inUtc = await api.as(admin).get(`/orgs/${orgId}/email-preview?kind=access_ending&locale=en`);

    expect(inTokyo.status).toBe(200);
    expect(inTokyo.body.subject).toMatch(/ ends on \d{1,2} [A-Z][a-z]+ \d{4} at \d\d:\d\d GMT\+9$/);
    expect(inTokyo.body.text).toContain(inTokyo.body.subject.split(' ends on ')[1]);
    expect(inUtc.body.subject).toMatch(/ ends on .+ UTC$/);
    // the same instant, nine hours apart on the clock face
    const hour = (s: string) => Number(/(\d\d):\d\d (?:GMT\+9|UTC)$/.exec(s)?.[1]);
    expect((hour(inTokyo.body.subject) - hour(inUtc.body.subject) + 24) % 24).toBe(9);
  });

  it('refuses an unknown locale, time zone or kind, and answers non-admins as the matrix says', async () => {
    const { admin, orgId } = await brandedOrg({});
    const bad = await api.as(admin).get(`/orgs/${orgId}/email-preview?kind=invitation&locale=it`);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'locale_unsupported', errors: [{ path: 'query.locale' }] });
    for (const zone of ['Mars/Olympus', '%2B02:00']) {
      const badZone = await api.as(admin).get(`/orgs/${orgId}/email-preview?kind=invitation&timeZone=${zone}`);
      expect(badZone.status, zone).toBe(400);
      expect(badZone.body).toMatchObject({ code: 'time_zone_invalid', errors: [{ path: 'query.timeZone' }] });
    }
    const kind = await api.as(admin).get(`/orgs/${orgId}/email-preview?kind=nope`);
    expect(kind.status).toBe(400);
    expect(kind.body.code).toBe('validation_failed');
    const member = await api.user('Mo');
    await db.join(admin, orgId, member, 'member');
    expect((await api.as(member).get(`/orgs/${orgId}/email-preview?kind=invitation`)).status).toBe(403);
  });
});
