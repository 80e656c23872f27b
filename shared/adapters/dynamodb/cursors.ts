import { createHmac, timingSafeEqual } from 'node:crypto';
import { DomainError } from '../../domain/errors.ts';

/**
 * Opaque, tamper-evident list cursors: the DynamoDB key to resume from, bound to the list it came
 * from (its scope names the org), signed with HMAC-SHA256. A forged cursor or one from another org's
 * list is a 400, never a read of someone else's partition.
 */
export class Cursors {
  private readonly key: Buffer;
  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update('list-cursor-v1').digest();
  }

  encode(scope: string, lastKey: Record<string, unknown> | undefined): string | null {
    if (!lastKey) return null;
    const body = Buffer.from(JSON.stringify({ s: scope, k: lastKey })).toString('base64url');
    return `${body}.${this.sign(body)}`;
  }

  decode(scope: string, cursor: string | undefined): Record<string, unknown> | undefined {
    if (cursor === undefined) return undefined;
    const [body, sig, extra] = cursor.split('.');
    if (!body || !sig || extra !== undefined) throw badCursor();
    const expected = Buffer.from(this.sign(body));
    const given = Buffer.from(sig);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw badCursor();
    const parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { s: string; k: Record<string, unknown> };
    if (parsed.s !== scope) throw badCursor();
    return parsed.k;
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}

const badCursor = () => new DomainError('validation', 'invalid_cursor');
