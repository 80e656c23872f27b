/**
 * What the cleanup of a deleted org works through. A page names the items it found by opaque refs
 * (the adapter's keys), so the domain decides what to do before they go without spelling a key.
 */
export interface OrgItemsPage {
  refs: unknown[];
  /** Pending invitations among them: their reminder and expiry schedules are cancelled first. */
  pendingInvitationIds: string[];
}

export interface UnfinishedDeletion {
  orgId: string;
  deletedAt: string;
  /** The last time a round was asked for after the deletion itself (a round out of time, or a sweep). */
  cleanupRequestedAt?: string;
}

export interface OrgDeletionStore {
  /** Up to `limit` of the items the deleted org still holds in its partition (all but the tombstone), from the start. */
  nextPage(orgId: string, limit: number): Promise<OrgItemsPage>;
  /** Deletes them (BatchWriteItem, 25 a call); an item already gone is not an error. */
  remove(refs: unknown[]): Promise<void>;
  /** The org's items outside its partition: auto-join index entries, schedule retry markers, quota counters. */
  removeOutside(orgId: string): Promise<number>;
  /** The tombstone drops its counters and its place among unfinished deletions (AP20): the cleanup is done. */
  finish(orgId: string, now: string): Promise<void>;
  /** Asks for another round (a write to the tombstone, whose stream record starts it, stamped `cleanupRequestedAt`): used when time runs out. */
  continueLater(orgId: string, now: string): Promise<void>;
}

/** The sweep for cleanups whose stream record was given up (resume-stalled-deletions.ts). */
export interface StalledDeletionStore {
  /** AP20: deleted orgs whose cleanup has not finished, oldest first, with when a round was last asked for. */
  unfinished(limit: number): Promise<UnfinishedDeletion[]>;
  /**
   * Asks for another round of a cleanup nobody has asked about since `lastAskedAt` (its tombstone's
   * `cleanupRequestedAt`, else `deletedAt`): a conditional write, so of two sweeps at once one does it.
   */
  resumeStalled(orgId: string, lastAskedAt: string, now: string): Promise<'resumed' | 'moved_on'>;
}
