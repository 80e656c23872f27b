export interface OrgCounters {
  memberCount: number;
  adminCount: number;
  pendingCount: number;
}

/** For the counter check (scripts/recount.ts): stored counters against the items they count. */
export interface CounterStore {
  /** The stored counters and the same numbers counted from the org's items (AP1); null when there is no org. */
  tally(orgId: string, now: string): Promise<{ stored: OrgCounters; counted: OrgCounters; expiredNotClosed: number; openReservations: number } | null>;
  /** Settles bulk-invite reservations past their deadline (a crashed invite), giving their unused places back; returns how many places. */
  releaseStaleReservations(orgId: string, now: string): Promise<number>;
  /** Sets the counters to `to` only while they still equal `from`, so a concurrent change is never overwritten. */
  repair(orgId: string, from: OrgCounters, to: OrgCounters): Promise<'repaired' | 'changed'>;
  /** Every org id: a Scan, for the maintenance script only, never on a request path. */
  allOrgIds(): Promise<string[]>;
}
