import { describe, expect, it } from 'vitest';
import { placeholders } from '../../shared/domain/notifications/catalogue.ts';
import { catalogues } from '../../shared/domain/notifications/catalogues/index.ts';
import { formatDate, lookOf } from '../../shared/domain/notifications/layout.ts';
import { locales } from '../../shared/domain/notifications/locales.ts';
import { emailKinds, type PreviewSample, renderSample } from '../../shared/domain/notifications/preview.ts';

const ATTACK = '<script>alert(1)</script>"\'&\r\nBcc: evil@x.com';
const sample: PreviewSample = {
  role: 'admin',
  message: `Hi ${ATTACK}`,
  inviterName: `Eve ${ATTACK}`,
  adminEmail: 'ada@example.com',
  inviteeEmail: 'alex@example.com',
  inviteeName: `Alex ${ATTACK}`,
  acceptUrl: 'https://app.example.com/accept?token=t&x=1',
  appUrl: 'https://app.example.com',
  leaveUrl: 'https://app.example.com/leave?token=l',
  reviewUrl: 'https://app.example.com/orgs/o/join-links',
  membersUrl: 'https://app.example.com/admin/o/members',
  expiresAt: '2026-12-09T10:00:00.000Z',
  accessUntil: '2026-12-12T10:00:00.000Z',
};
const org = (branding: Record<string, string> = {}) => ({ name: `Acme ${ATTACK}`, settings: { branding } });

describe('every email kind in every language', () => {
  for (const locale of locales) {
    it(`${locale}: renders each kind, escapes what users typed, keeps subjects on one line`, () => {
      for (const kind of emailKinds) {
        const m = renderSample(kind, sample, lookOf(org({ displayName: `Brand ${ATTACK}` }), locale));
        expect(m.subject.length).toBeGreaterThan(5);
        expect(m.subject).not.toMatch(/[\r\n]/);
        expect(m.html).toContain(`<html lang="${locale}">`);
        expect(m.html).not.toMatch(/<script|Bcc: evil@x.com\r/);
        // the display name replaces the org's name, and is escaped
        expect(m.subject + m.text).toContain('Brand <script>');
        expect(m.html).toContain('Brand &lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;');
        expect(m.text).not.toContain('Acme');
      }
    });
  }

  it('each language says something else than English (no untranslated copy of a kind)', () => {
    for (const kind of emailKinds) {
      const en = renderSample(kind, sample, lookOf(org(), 'en'));
      for (const locale of locales.filter((l) => l !== 'en')) {
        const other = renderSample(kind, sample, lookOf(org(), locale));
        expect(other.subject, `${kind} ${locale}`).not.toBe(en.subject);
        expect(other.text, `${kind} ${locale}`).not.toBe(en.text);
      }
    }
  });
});

/** Every leaf of a catalogue (or of `placeholders`) by its path: `['invitation.subject', value]`. */
const leavesOf = (o: object, at = ''): [string, unknown][] =>
  Object.entries(o).flatMap(([key, v]) => (typeof v === 'object' && !Array.isArray(v) ? leavesOf(v, `${at}${key}.`) : [[`${at}${key}`, v]]));
const namesIn = (sentence: string) => [...new Set([...sentence.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
/** Each sentence's path with the placeholders it holds, sorted. */
const placeholdersOf = (catalogue: object) => Object.fromEntries(leavesOf(catalogue).map(([path, s]) => [path, namesIn(s as string)]));

describe('the translations (catalogues/<locale>.json)', () => {
  const en = placeholdersOf(catalogues.en);

  it('English has each placeholder the renderers fill in, and no other', () => {
    const declared = Object.fromEntries(leavesOf(placeholders).map(([path, names]) => [path, [...(names as string[])].sort()]));
    expect(Object.fromEntries(Object.entries(en).filter(([, names]) => names.length > 0))).toEqual(declared);
  });

  it("every language has exactly English's keys, each sentence exactly its placeholders", () => {
    for (const locale of locales) expect(placeholdersOf(catalogues[locale]), locale).toEqual(en);
  });

  it('no sentence has a brace that is not a placeholder (`{ org}` would reach the email as typed)', () => {
    for (const locale of locales) {
      for (const [path, s] of leavesOf(catalogues[locale])) expect((s as string).replace(/\{\w+\}/g, ''), `${locale} ${path}`).not.toMatch(/[{}]/);
    }
  });
});

describe('the language and look chosen', () => {
  it("the invitation's locale, else the org's default, else English", () => {
    expect(lookOf(org({ defaultLocale: 'fr' }), 'de').locale).toBe('de');
    expect(lookOf(org({ defaultLocale: 'fr' })).locale).toBe('fr');
    expect(lookOf(org()).locale).toBe('en');
    expect(lookOf(org(), 'xx').locale).toBe('en');
  });

  it('a logo that is not https, or an accent that is not #rrggbb, never reaches the markup (even if stored)', () => {
    const look = lookOf(org({ logoUrl: 'http://x.example/l.png', accentColor: 'red;background:url(x)' }));
    const m = renderSample('invitation', sample, look);
    expect(m.html).not.toContain('<img');
    expect(m.html).not.toContain('url(x)');
    expect(m.html).toContain('#1a56db');
  });

  it('the logo takes a fixed 120x40 box', () => {
    const m = renderSample('invitation', sample, lookOf(org({ logoUrl: 'https://cdn.example.com/huge.png' })));
    expect(m.html).toMatch(/<img src="https:\/\/cdn\.example\.com\/huge\.png" width="120" height="40" [^>]*style="display:block;width:120px;height:40px;/);
  });
});

describe('dates', () => {
  it('are written in the recipient language, in UTC unless their time zone is known', () => {
    const iso = '2026-12-09T10:00:00.000Z';
    expect(formatDate(iso, lookOf(org(), 'en'))).toBe('9 December 2026 at 10:00 UTC');
    expect(formatDate(iso, lookOf(org(), 'de'))).toMatch(/^9\. Dezember 2026 um 10:00 UTC$/);
    expect(formatDate(iso, lookOf(org(), 'fr'))).toMatch(/^9 décembre 2026 à 10:00 UTC$/);
    expect(formatDate(iso, lookOf(org(), 'ja'))).toMatch(/^2026年12月9日 10:00 UTC$/);
    expect(formatDate(iso, lookOf(org(), 'ja', 'Asia/Tokyo'))).toMatch(/^2026年12月9日 19:00 JST$/);
    expect(formatDate(iso, lookOf(org(), 'de', 'Europe/Berlin'))).toMatch(/^9\. Dezember 2026 um 11:00 MEZ$/);
    // an unknown zone falls back to UTC rather than failing the send
    expect(formatDate(iso, lookOf(org(), 'en', 'Mars/Olympus'))).toBe('9 December 2026 at 10:00 UTC');
  });
});
