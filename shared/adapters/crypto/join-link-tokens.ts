import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { JoinLinkTokens } from '../../ports.ts';

/** `<orgId>.<linkId>.<secret>`: the ids are ours (ULIDs behind a prefix), the secret 32 random bytes base64url. */
const TOKEN = /^(org_[0-9A-Za-z]{1,64})\.(jl_[0-9A-Za-z]{1,64})\.[0-9A-Za-z_-]{43}$/;

/**
 * Unlike an invitation's link, a join link's token is never rebuilt (no email carries it later), so
 * its secret is plain randomness, not an HMAC of a stored nonce: the table keeps its SHA-256 only,
 * and no key is needed to check it (the routes that resolve join links run without the link secret).
 * The ids in the token only say which item to read; a token with edited ids or a guessed secret
 * does not match that item's hash.
 */
export class RandomJoinLinkTokens implements JoinLinkTokens {
  issue(orgId: string, linkId: string) {
    const token = `${orgId}.${linkId}.${randomBytes(32).toString('base64url')}`;
    return { token, hash: sha256(token) };
  }
  parse(token: string) {
    const m = TOKEN.exec(token);
    return m ? { orgId: m[1] as string, linkId: m[2] as string } : null;
  }
  matches(token: string, storedHash: string): boolean {
    const presented = Buffer.from(sha256(token));
    const stored = Buffer.from(storedHash);
    return presented.length === stored.length && timingSafeEqual(presented, stored);
  }
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('base64url');
