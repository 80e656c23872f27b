import { describe, expect, it } from 'vitest';
import { HmacLinkTokens } from '../../shared/adapters/crypto/link-tokens.ts';

const secret = 'a-link-secret-of-at-least-thirty-two-characters';
const membership = { orgId: 'org_01ABC', userId: 'google-oauth2|1234.5678', joinedAt: '2026-12-01T10:00:00.000Z' };

describe('leave link tokens', () => {
  const links = new HmacLinkTokens(secret);

  it('name their membership, whatever characters the identity provider puts in a user id', () => {
    const token = links.leaveTokenFor(membership);
    expect(links.parseLeave(token)).toEqual({ orgId: membership.orgId, userId: membership.userId });
    expect(links.leaveMatches(token, membership)).toBe(true);
  });

  it('open nothing for another membership, a later one of the same person, another deployment, or an invitation token', () => {
    const token = links.leaveTokenFor(membership);
    expect(links.leaveMatches(token, { ...membership, joinedAt: '2026-12-02T10:00:00.000Z' })).toBe(false);
    expect(links.leaveMatches(token, { ...membership, userId: 'someone-else' })).toBe(false);
    expect(links.leaveMatches(token, { ...membership, orgId: 'org_OTHER' })).toBe(false);
    expect(new HmacLinkTokens(`${secret}-other`).leaveMatches(token, membership)).toBe(false);
    const invitation = links.tokenFor({ orgId: membership.orgId, invitationId: 'inv_01', linkNonce: 'n' });
    expect(links.parseLeave(invitation)).not.toBeNull(); // same shape, but:
    expect(links.leaveMatches(invitation, membership)).toBe(false);
    expect(links.parseLeave('org_1..x')).toBeNull();
    expect(links.parseLeave('garbage')).toBeNull();
  });
});
