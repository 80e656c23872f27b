import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { LinkTokens } from '../../ports.ts';

/** `<orgId>.<invitationId>.<secret>`: the ids are ours (ULIDs behind a prefix), the secret 32 bytes base64url. */
const TOKEN = /^(org_[0-9A-Za-z]{1,64})\.(inv_[0-9A-Za-z]{1,64})\.[0-9A-Za-z_-]{43}$/;

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
  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update('invitation-link-v2').digest();
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
}
