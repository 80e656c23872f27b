import { createHmac } from 'node:crypto';
import type { Pseudonyms } from '../../ports.ts';

/**
 * `erased-` + HMAC-SHA256(key, userId), truncated to 16 base64url characters (96 bits). The key is
 * derived from the link secret under its own label, so a pseudonym can never be a link token and
 * cannot be reversed without the secret; the same user always gets the same pseudonym, so an
 * erased person's trail stays one trail.
 */
export class HmacPseudonyms implements Pseudonyms {
  private readonly key: Buffer;
  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update('user-pseudonym-v1').digest();
  }
  of(userId: string): string {
    return `erased-${createHmac('sha256', this.key).update(userId).digest('base64url').slice(0, 16)}`;
  }
}
