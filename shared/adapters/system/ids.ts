import { randomBytes } from 'node:crypto';
import type { Ids } from '../../ports.ts';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID: 48 bits of milliseconds then 80 random bits, so ids sort by creation time. */
export function ulid(now = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const bytes = randomBytes(10);
  let rand = '';
  let acc = 0;
  let bits = 0;
  for (const b of bytes) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      rand += CROCKFORD[(acc >> bits) & 31];
    }
  }
  return time + rand;
}

export const randomIds: Ids = {
  orgId: () => `org_${ulid()}`,
  invitationId: () => `inv_${ulid()}`,
  eventId: () => `evt_${ulid()}`,
  teamId: () => `team_${ulid()}`,
  nonce: () => randomBytes(32).toString('base64url'),
};
