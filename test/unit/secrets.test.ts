import { describe, expect, it } from 'vitest';
import { HmacLinkTokens } from '../../shared/adapters/crypto/link-tokens.ts';
import { Cursors } from '../../shared/adapters/dynamodb/cursors.ts';
import { randomIds, ulid } from '../../shared/adapters/system/ids.ts';
import { escapeHtml } from '../../shared/domain/notifications/escape.ts';
import { invitationEmail } from '../../shared/domain/notifications/invitation-email.ts';
import { lookOf } from '../../shared/domain/notifications/layout.ts';
import { createLogger } from '../../shared/logger.ts';

const secret = 'x'.repeat(40);

describe('link tokens', () => {
  const links = new HmacLinkTokens(secret);
  const send = { orgId: randomIds.orgId(), invitationId: randomIds.invitationId(), linkNonce: randomIds.nonce() };

  it('name their invitation and carry 32 secret bytes derived from the nonce; only their hash is stored', () => {
    const token = links.tokenFor(send);
    const [orgId, invitationId, mac] = token.split('.');
    expect([orgId, invitationId]).toEqual([send.orgId, send.invitationId]);
    expect(Buffer.from(mac as string, 'base64url')).toHaveLength(32);
    expect(links.tokenFor(send)).toBe(token);
    expect(links.parse(token)).toEqual({ orgId: send.orgId, invitationId: send.invitationId });
    expect(links.hash(token)).not.toContain(mac);
    expect(links.matches(token, links.hash(token))).toBe(true);
    expect(new HmacLinkTokens('y'.repeat(40)).tokenFor(send)).not.toBe(token);
    expect(links.tokenFor({ ...send, linkNonce: randomIds.nonce() })).not.toBe(token);
  });

  it('a token with edited ids or a guessed secret does not match the stored hash', () => {
    const token = links.tokenFor(send);
    const stored = links.hash(token);
    const other = randomIds.invitationId();
    // the attack: keep the secret of one's own link and point it at someone else's invitation
    expect(links.matches(token.replace(send.invitationId, other), stored)).toBe(false);
    expect(links.matches(links.tokenFor({ ...send, invitationId: other }), stored)).toBe(false);
    expect(links.matches(`${send.orgId}.${send.invitationId}.${'A'.repeat(43)}`, stored)).toBe(false);
    expect(links.matches(token, 'short')).toBe(false);
  });

  it('parse refuses what cannot be a link token, so nothing else becomes a table key', () => {
    for (const bad of [
      'A'.repeat(43),
      `${send.orgId}.${send.invitationId}`,
      `${send.orgId}.${send.invitationId}.${'A'.repeat(42)}`,
      `ORG#x.${send.invitationId}.${'A'.repeat(43)}`,
      `${send.orgId}.inv_a#b.${'A'.repeat(43)}`,
      `${links.tokenFor(send)}\n`,
    ]) {
      expect(links.parse(bad)).toBeNull();
    }
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
    const look = lookOf({ name: '<img src=x onerror=alert(1)>\r\nBcc: evil@x.com', settings: {} });
    const m = invitationEmail(
      {
        to: 'a@x.com',
        inviterName: 'Eve "the" <admin>',
        role: 'member',
        acceptUrl: 'https://app.example.com/accept?token=abc',
        expiresAt: '2026-12-01T10:00:00.000Z',
        message: '<script>alert(1)</script>',
        kind: 'invitation',
      },
      look,
    );
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
