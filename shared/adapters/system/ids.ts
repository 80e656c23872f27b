import { randomBytes } from 'node:crypto';
import type { Ids } from '../../ports.ts';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

let lastTime = -1;
let lastRandom: number[] = [];

/**
 * A monotonic ULID: 48 bits of milliseconds then 80 random bits, so ids sort by creation time;
 * within one millisecond the random part is incremented, so ids made in order (the audit events of
 * one transaction, say) also sort in that order.
 */
export function ulid(now = Date.now()): string {
  let random: number[];
  if (now === lastTime) {
    random = [...lastRandom];
    for (let i = random.length - 1; i >= 0; i--) {
      random[i] = ((random[i] as number) + 1) % 32;
      if (random[i] !== 0) break;
    }
  } else {
    const bytes = randomBytes(16);
    random = Array.from({ length: 16 }, (_, i) => (bytes[i] as number) % 32);
  }
  lastTime = now;
  lastRandom = random;
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32] + time;
    t = Math.floor(t / 32);
  }
  return time + random.map((d) => CROCKFORD[d]).join('');
}

export const randomIds: Ids = {
  orgId: () => `org_${ulid()}`,
  invitationId: () => `inv_${ulid()}`,
  eventId: () => `evt_${ulid()}`,
  teamId: () => `team_${ulid()}`,
  joinLinkId: () => `jl_${ulid()}`,
  nonce: () => randomBytes(32).toString('base64url'),
  pseudonym: () => `erased-${randomBytes(12).toString('base64url')}`,
};
