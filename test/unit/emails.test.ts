import { describe, expect, it } from 'vitest';
import { isValidEmail, maskEmail, normalizeEmail, splitEmailList } from '../../shared/domain/emails.ts';
import { DomainError } from '../../shared/domain/errors.ts';
import { resolveRecipients } from '../../shared/domain/invitations/recipients.ts';

describe('a pasted list of addresses', () => {
  it('is split on commas, semicolons, spaces, tabs and newlines, in any mix', () => {
    expect(splitEmailList('a@x.com,b@x.com;c@x.com d@x.com\te@x.com\nf@x.com\r\ng@x.com')).toEqual([
      'a@x.com',
      'b@x.com',
      'c@x.com',
      'd@x.com',
      'e@x.com',
      'f@x.com',
      'g@x.com',
    ]);
  });

  it('ignores empty pieces from doubled or trailing separators', () => {
    expect(splitEmailList(' ,; a@x.com ,,;;\n\n b@x.com ;\t')).toEqual(['a@x.com', 'b@x.com']);
  });

  it('accepts an array whose entries may themselves be lists', () => {
    expect(splitEmailList(['a@x.com', 'b@x.com; c@x.com', ''])).toEqual(['a@x.com', 'b@x.com', 'c@x.com']);
  });

  it('compares addresses trimmed and case-insensitively, so duplicates count once', () => {
    const r = resolveRecipients({ emails: 'Ann@X.com, ann@x.com\n ANN@x.COM ', role: 'member' });
    expect(r.map((x) => x.email)).toEqual(['ann@x.com']);
  });

  it('lets an invitees entry give one person their own role and names', () => {
    const r = resolveRecipients({
      emails: 'a@x.com, b@x.com',
      invitees: [{ email: 'B@x.com', role: 'admin', firstName: 'Bea' }],
      role: 'viewer',
    });
    expect(r).toMatchObject([
      { email: 'a@x.com', role: 'viewer' },
      { email: 'b@x.com', role: 'admin', firstName: 'Bea' },
    ]);
  });

  it('refuses a request with no recipient at all', () => {
    expect(() => resolveRecipients({ emails: ' ;, ', role: 'member' })).toThrow(DomainError);
  });

  it('refuses more than 1000 distinct recipients, but 1000 is fine', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => `p${i}@x.com`).join(',');
    expect(resolveRecipients({ emails: many(1000), role: 'member' })).toHaveLength(1000);
    expect(() => resolveRecipients({ emails: many(1001), role: 'member' })).toThrow(/At most 1000/);
  });
});

describe('an email address', () => {
  it.each(['a@x.com', 'first.last+tag@sub.example.co.uk', "o'brien@x.io", 'x_y-z@a-b.example'])('%s is valid', (e) =>
    expect(isValidEmail(normalizeEmail(e))).toBe(true),
  );

  it.each([
    'plain',
    '@x.com',
    'a@',
    'a@x',
    'a@@x.com',
    'a@x..com',
    'a..b@x.com',
    '.a@x.com',
    'a@-x.com',
    'a b@x.com',
    'a@1.2.3.4',
    'jörg@x.com',
    'a@exämple.com',
    `${'a'.repeat(65)}@x.com`,
    `a@${'b'.repeat(250)}.com`,
    '<script>@x.com',
    'a@x.com>',
  ])('%s is invalid', (e) => expect(isValidEmail(normalizeEmail(e))).toBe(false));

  it('is masked on the public preview page', () => {
    expect(maskEmail('jane.doe@x.com')).toBe('j***e@x.com');
    expect(maskEmail('jo@x.com')).toBe('j***@x.com');
  });
});

describe('look-alike addresses', () => {
  it('are never folded onto an ASCII address by lower-casing: kept apart, and refused as invitees', () => {
    // U+212A KELVIN SIGN and U+0130 lower-case to ASCII letters (U+0130 plus a combining dot)
    for (const raw of ['\u212Aate@example.com', '\u0130van@example.com', 'kate@exam\u212Aple.com']) {
      expect(raw.toLowerCase()).not.toBe(raw); // the trap is real
      const email = normalizeEmail(raw);
      expect(email).toBe(raw.trim());
      expect(email).not.toBe(raw.toLowerCase());
      expect(isValidEmail(email)).toBe(false);
    }
    expect(normalizeEmail('  KATE@Example.COM ')).toBe('kate@example.com');
  });
});
