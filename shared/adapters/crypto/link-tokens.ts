import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { LinkTokens } from '../../ports.ts';

/** `<orgId>.<invitationId>.<secret>`: the ids are ours (ULIDs behind a prefix), the secret 32 bytes base64url. */
const TOKEN = /^(org_[0-9A-Za-z]{1,64})\.(inv_[0-9A-Za-z]{1,64})\.[0-9A-Za-z_-]{43}$/;
/** `<orgId>.<userId base64url>.<mac>`: a user id comes from the identity provider and may hold any character. */
const LEAVE_TOKEN = /^(org_[0-9A-Za-z]{1,64})\.([0-9A-Za-z_-]{1,344})\.([0-9A-Za-z_-]{43})$/;

/**
 * token = `<orgId>.<invitationId>.` + HMAC-SHA256(linkKey, ids and nonce). The nonce is 32 random
 * bytes stored on the invitation, the key never is: the stream dispatcher can rebuild the link to
 * email it, while the table holds nothing that opens an invitation (nonces and hashes only).
 *
 * The link names its invitation so that resolving it is the one read that also loads the org and
 * the caller, and no lookup item has to be written beside each invitation. The ids are not secret:
 * the SHA-256 of the whole token, stored on the invitation, must match, so a link with edited ids or
 * a guessed secret opens nothing, and a resend (new nonce, new hash) retires the earlier links at once.
 */
export class HmacLinkTokens implements LinkTokens {
  private readonly key: Buffer;
  /** A key of its own: no invitation token is ever a valid leave token, nor the reverse. */
  private readonly leaveKey: Buffer;
  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update('invitation-link-v2').digest();
    this.leaveKey = createHmac('sha256', secret).update('leave-link-v1').digest();
  }
  tokenFor(send: { orgId: string; invitationId: string; linkNonce: string }): string {
    const ids = `${send.orgId}.${send.invitationId}`;
    return `${ids}.${createHmac('sha256', this.key).update(`${ids}.${send.linkNonce}`).digest('base64url')}`;
  }
  hash(token: string): string {
    return createHash('sha256').update(token).digest('base64url');
  }
  parse(token: string) {
    const m = TOKEN.exec(token);
    return m ? { orgId: m[1] as string, invitationId: m[2] as string } : null;
  }
  matches(token: string, storedHash: string): boolean {
    const presented = Buffer.from(this.hash(token));
    const stored = Buffer.from(storedHash);
    return presented.length === stored.length && timingSafeEqual(presented, stored);
  }

  leaveTokenFor(m: { orgId: string; userId: string; joinedAt: string }): string {
    return `${m.orgId}.${Buffer.from(m.userId).toString('base64url')}.${this.leaveMac(m)}`;
  }
  parseLeave(token: string) {
    const m = LEAVE_TOKEN.exec(token);
    if (!m) return null;
    const userId = Buffer.from(m[2] as string, 'base64url').toString('utf8');
    return userId ? { orgId: m[1] as string, userId } : null;
  }
  leaveMatches(token: string, m: { orgId: string; userId: string; joinedAt: string }): boolean {
    const presented = Buffer.from(token);
    const expected = Buffer.from(this.leaveTokenFor(m));
    return presented.length === expected.length && timingSafeEqual(presented, expected);
  }
  private leaveMac(m: { orgId: string; userId: string; joinedAt: string }): string {
    return createHmac('sha256', this.leaveKey).update(`${m.orgId}\n${m.userId}\n${m.joinedAt}`).digest('base64url');
  }
}
