import { createHash, createHmac } from 'node:crypto';
import type { LinkTokens } from '../../ports.ts';

/**
 * token = HMAC-SHA256(linkKey, nonce): 32 bytes, base64url. The nonce is 32 random bytes stored on
 * the invitation; the key never is. So the stream dispatcher can rebuild the link to email it while
 * the table holds no usable token: reading the table gives nonces and hashes, neither of which
 * opens an invitation. Lookup is by SHA-256 of the presented token.
 */
export class HmacLinkTokens implements LinkTokens {
  private readonly key: Buffer;
  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update('invitation-link-v1').digest();
  }
  tokenFor(nonce: string): string {
    return createHmac('sha256', this.key).update(nonce).digest('base64url');
  }
  hash(token: string): string {
    return createHash('sha256').update(token).digest('base64url');
  }
}
