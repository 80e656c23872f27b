import type { Clock, CounterStore, OrgCounters } from '../../ports.ts';

export interface CounterDrift {
  counter: keyof OrgCounters;
  stored: number;
  counted: number;
}

export interface RecountReport {
  orgId: string;
  found: boolean;
  stored?: OrgCounters;
  counted?: OrgCounters;
  drift: CounterDrift[];
  /** Pending invitations past their expiry that nothing has closed yet; they still hold a pending place. */
  expiredNotClosed: number;
  /**
   * Bulk-invite reservations still open: their unused places are counted as pending (an invite in
   * flight holds them). One past its deadline was left by a crashed invite; `repair` gives it back.
   */
  openReservations: number;
  /** Places given back by settling reservations past their deadline (repair only). */
  released: number;
  repaired: boolean;
}

const counters: (keyof OrgCounters)[] = ['memberCount', 'adminCount', 'pendingCount'];

/**
 * What the counters should be: members = membership items (active and suspended), admins = active
 * admins, pending = email claims held by an invitation (one per invitation not yet closed, expired or
 * not; closing one releases its claim and its place together).
 */
export function counterDrift(stored: OrgCounters, counted: OrgCounters): CounterDrift[] {
  return counters.filter((c) => stored[c] !== counted[c]).map((c) => ({ counter: c, stored: stored[c], counted: counted[c] }));
}

const MAX_ATTEMPTS = 3;

/**
 * Recounts one org's counters from its items and reports drift; with `repair`, first settles
 * reservations left past their deadline by crashed bulk invites, then writes the counted values under
 * a condition that the stored ones did not move meanwhile (else counts again).
 */
export async function recountOrg(deps: { clock: Clock; counters: CounterStore }, orgId: string, opts: { repair: boolean }): Promise<RecountReport> {
  const released = opts.repair ? await deps.counters.releaseStaleReservations(orgId, deps.clock.now().toISOString()) : 0;
  for (let attempt = 1; ; attempt++) {
    const tally = await deps.counters.tally(orgId, deps.clock.now().toISOString());
    if (!tally) return { orgId, found: false, drift: [], expiredNotClosed: 0, openReservations: 0, released, repaired: false };
    const drift = counterDrift(tally.stored, tally.counted);
    const report = {
      orgId,
      found: true,
      stored: tally.stored,
      counted: tally.counted,
      drift,
      expiredNotClosed: tally.expiredNotClosed,
      openReservations: tally.openReservations,
      released,
    };
    if (drift.length === 0 || !opts.repair) return { ...report, repaired: false };
    const outcome = await deps.counters.repair(orgId, tally.stored, tally.counted);
    if (outcome === 'repaired') return { ...report, repaired: true };
    if (attempt >= MAX_ATTEMPTS) return { ...report, repaired: false };
  }
}
