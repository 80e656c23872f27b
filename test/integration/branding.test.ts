import { describe, expect, it } from 'vitest';
import { direct } from '../helpers/direct.ts';
import { useStack } from '../helpers/stack.ts';

const api = useStack();
const db = direct(api);

async function orgWithTeam() {
  const admin = await api.user('Ada');
  const org = await api.createOrg(admin);
  const otherAdmin = await api.user('Grace');
  await db.join(admin, org.orgId, otherAdmin, 'admin');
  const member = await api.user('Bob');
  await db.join(admin, org.orgId, member, 'member');
  return { admin, orgId: org.orgId as string, otherAdmin, member };
}

describe('org branding (PATCH /orgs/{orgId} settings.branding)', () => {
  it('stores a valid branding, normalized, and GET shows it', async () => {
    const { admin, orgId, otherAdmin } = await orgWithTeam();
    const branding = {
      displayName: 'Acme Robotics',
      logoUrl: 'https://cdn.example.com/logo.png',
      accentColor: '#1A56DB',
      replyTo: otherAdmin.email.toUpperCase(),
      defaultLocale: 'de',
    };
    const r = await api.as(admin).patch(`/orgs/${orgId}`, { branding });
    expect(r.status).toBe(200);
    const expected = { ...branding, accentColor: '#1a56db', replyTo: otherAdmin.email };
    expect(r.body.org.settings.branding).toEqual(expected);
    const shown = await api.as(admin).get(`/orgs/${orgId}`);
    expect(shown.body.org.settings.branding).toEqual(expected);
  });

  it('refuses bad values with stable codes and changes nothing', async () => {
    const { admin, orgId, member } = await orgWithTeam();
    const outsider = await api.user('Eve');
    const cases: [Record<string, unknown>, string, string][] = [
      [{ logoUrl: 'http://cdn.example.com/logo.png' }, 'logo_url_invalid', 'branding.logoUrl'],
      [{ logoUrl: 'javascript:alert(1)' }, 'logo_url_invalid', 'branding.logoUrl'],
      [{ logoUrl: 'https://user:pw@cdn.example.com/logo.png' }, 'logo_url_invalid', 'branding.logoUrl'],
      [{ logoUrl: 'not a url' }, 'logo_url_invalid', 'branding.logoUrl'],
      [{ logoUrl: 'https://cdn.example.com/a"onerror="x.png' }, 'logo_url_invalid', 'branding.logoUrl'],
      [{ accentColor: 'red' }, 'accent_color_invalid', 'branding.accentColor'],
      [{ accentColor: '#12345' }, 'accent_color_invalid', 'branding.accentColor'],
      [{ accentColor: '#123456;background:url(x)' }, 'accent_color_invalid', 'branding.accentColor'],
      [{ replyTo: member.email }, 'reply_to_not_admin', 'branding.replyTo'],
      [{ replyTo: outsider.email }, 'reply_to_not_admin', 'branding.replyTo'],
      [{ replyTo: 'nobody@example.com' }, 'reply_to_not_admin', 'branding.replyTo'],
      [{ defaultLocale: 'it' }, 'locale_unsupported', 'branding.defaultLocale'],
    ];
    for (const [branding, code, path] of cases) {
      const r = await api.as(admin).patch(`/orgs/${orgId}`, { branding, name: 'Renamed' });
      expect(r.status, JSON.stringify(branding)).toBe(400);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
      expect(r.body).toMatchObject({ code, errors: [{ path }] });
    }
    const org = await api.as(admin).get(`/orgs/${orgId}`);
    expect(org.body.org.name).toBe('Acme');
    expect(org.body.org.settings.branding).toBeUndefined();
  });

  it('an admin whose end of access has passed is refused as reply-to, before the removal has run', async () => {
    const { admin, orgId, otherAdmin } = await orgWithTeam();
    await api.setClock(0);
    const until = new Date(Date.now() + 3_600_000).toISOString();
    expect((await api.as(admin).patch(`/orgs/${orgId}/members/${otherAdmin.userId}`, { accessUntil: until })).status).toBe(200);
    expect((await api.as(admin).patch(`/orgs/${orgId}`, { branding: { replyTo: otherAdmin.email } })).status).toBe(200);
    await api.setClock(3_600 + 10);
    const r = await api.as(admin).patch(`/orgs/${orgId}`, { branding: { replyTo: otherAdmin.email } });
    await api.setClock(0);
    expect([r.status, r.body.code]).toEqual([400, 'reply_to_not_admin']);
  });

  it('a reply-to admin later demoted is refused when the branding is set again', async () => {
    const { admin, orgId, otherAdmin } = await orgWithTeam();
    expect((await api.as(admin).patch(`/orgs/${orgId}`, { branding: { replyTo: otherAdmin.email } })).status).toBe(200);
    expect((await api.as(admin).patch(`/orgs/${orgId}/members/${otherAdmin.userId}`, { role: 'member' })).status).toBe(200);
    const r = await api.as(admin).patch(`/orgs/${orgId}`, { branding: { replyTo: otherAdmin.email } });
    expect(r.body.code).toBe('reply_to_not_admin');
  });

  it('a member cannot change the branding', async () => {
    const { orgId, member } = await orgWithTeam();
    const r = await api.as(member).patch(`/orgs/${orgId}`, { branding: { displayName: 'Mine' } });
    expect(r.status).toBe(403);
  });
});

describe('an invitation language (locale), single and bulk', () => {
  it('the request locale applies to every invitee; an invitee may name their own', async () => {
    const admin = await api.user('Ada');
    const org = await api.createOrg(admin);
    const r = await api.invite(admin, org.orgId, {
      emails: ['de@example.com'],
      locale: 'de',
      invitees: [{ email: 'ja@example.com', locale: 'ja' }],
    });
    expect(r.status).toBe(201);
    const byEmail = Object.fromEntries(r.body.results.map((x) => [x.email, x.invitationId]));
    const de = await api.as(admin).get(`/orgs/${org.orgId}/invitations/${byEmail['de@example.com']}`);
    const ja = await api.as(admin).get(`/orgs/${org.orgId}/invitations/${byEmail['ja@example.com']}`);
    expect(de.body.invitation.locale).toBe('de');
    expect(ja.body.invitation.locale).toBe('ja');
    const none = await api.invite(admin, org.orgId, { emails: 'plain@example.com' });
    const plain = await api.as(admin).get(`/orgs/${org.orgId}/invitations/${none.body.results[0]!.invitationId}`);
    expect(plain.body.invitation.locale).toBeUndefined();
  });

  it('an unsupported locale is refused with locale_unsupported and nobody is invited', async () => {
    const admin = await api.user('Ada');
    const org = await api.createOrg(admin);
    const bad = [
      [{ emails: 'x1@example.com', locale: 'xx' }, 'locale'],
      [{ invitees: [{ email: 'x2@example.com' }, { email: 'x3@example.com', locale: 'en-US' }] }, 'invitees.locale'],
    ] as const;
    for (const [body, path] of bad) {
      const r = await api.invite(admin, org.orgId, body);
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ code: 'locale_unsupported', errors: [{ path }] });
    }
    const list = await api.as(admin).get(`/orgs/${org.orgId}/invitations`);
    expect(list.body.items).toEqual([]);
  });
});
