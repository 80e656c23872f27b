import { describe, expect, it } from 'vitest';
import { HmacLinkTokens } from '../../shared/adapters/crypto/link-tokens.ts';
import { Cursors } from '../../shared/adapters/dynamodb/cursors.ts';
import { randomIds, ulid } from '../../shared/adapters/system/ids.ts';
import { escapeHtml } from '../../shared/domain/notifications/escape.ts';
import { invitationEmail } from '../../shared/domain/notifications/invitation-email.ts';
import { createLogger } from '../../shared/logger.ts';

const secret = 'x'.repeat(40);

describe('link tokens', () => {
  it('are 32 bytes derived from the nonce, and only their hash is used for lookup', () => {
    const links = new HmacLinkTokens(secret);
    const nonce = randomIds.nonce();
    const token = links.tokenFor(nonce);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(links.tokenFor(nonce)).toBe(token);
    expect(links.hash(token)).not.toContain(token);
    expect(new HmacLinkTokens('y'.repeat(40)).tokenFor(nonce)).not.toBe(token);
  });
});

describe('list cursors', () => {
  const cursors = new Cursors(secret);
  it('round-trip within the list they came from', () => {
    const c = cursors.encode('invitations:org_a:', { PK: 'ORG#org_a', SK: 'INV#1' }) as string;
    expect(cursors.decode('invitations:org_a:', c)).toEqual({ PK: 'ORG#org_a', SK: 'INV#1' });
  });

  it('a cursor edited to point into another org is refused', () => {
    const c = cursors.encode('invitations:org_a:', { PK: 'ORG#org_a', SK: 'INV#1' }) as string;
    const [, sig] = c.split('.');
    const forged = `${Buffer.from(JSON.stringify({ s: 'invitations:org_b:', k: { PK: 'ORG#org_b', SK: 'INV#1' } })).toString('base64url')}.${sig}`;
    expect(() => cursors.decode('invitations:org_b:', forged)).toThrow(/cursor/);
  });

  it('a genuine cursor from one org is refused on another org’s list', () => {
    const c = cursors.encode('invitations:org_a:', { PK: 'ORG#org_a', SK: 'INV#1' }) as string;
    expect(() => cursors.decode('invitations:org_b:', c)).toThrow(/cursor/);
  });

  it('garbage is refused, not parsed', () => {
    for (const bad of ['', 'abc', 'a.b.c', '..', 'eyJ9.x']) expect(() => cursors.decode('s', bad)).toThrow(/cursor/);
  });
});

describe('log lines', () => {
  it('never contain a token, whatever object it hides in', () => {
    const lines: string[] = [];
    const log = createLogger('debug', {}, (l) => lines.push(l));
    log.info('x', { body: { token: 'SECRET-1' }, headers: { Authorization: 'Bearer SECRET-2' }, inv: { linkNonce: 'SECRET-3' } });
    expect(lines.join('\n')).not.toMatch(/SECRET/);
  });
});

describe('the invitation email', () => {
  it('escapes every user-supplied string in the HTML part and keeps the subject on one line', () => {
    const m = invitationEmail({
      to: 'a@x.com', orgName: '<img src=x onerror=alert(1)>\r\nBcc: evil@x.com', inviterName: 'Eve "the" <admin>',
      role: 'member', acceptUrl: 'https://app.example.com/accept?token=abc', expiresAt: '2026-12-01T10:00:00.000Z',
      message: '<script>alert(1)</script>', kind: 'invitation',
    });
    expect(m.html).not.toMatch(/<img|<script|<admin>/);
    expect(m.html).toContain(escapeHtml('<script>alert(1)</script>'));
    expect(m.subject).not.toMatch(/[\r\n]/);
    expect(m.text).toContain('https://app.example.com/accept?token=abc');
    expect(m.text).toContain('1 December 2026');
  });
});

describe('ids', () => {
  it('made in order sort in that order, also within one millisecond', () => {
    const t = Date.now();
    const ids = Array.from({ length: 50 }, () => ulid(t));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(50);
    expect(ulid(t + 1) > (ids[49] as string)).toBe(true);
  });
});
