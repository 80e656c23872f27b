/**
 * What the cleanup of a deleted org works through. A page names the items it found by opaque refs
 * (the adapter's keys), so the domain decides what to do before they go without spelling a key.
 */
export interface OrgItemsPage {
  refs: unknown[];
  /** Pending invitations among them: their reminder and expiry schedules are cancelled first. */
  pendingInvitationIds: string[];
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
  /** Asks for another round (a write to the tombstone, whose stream record starts it): used when time runs out. */
  continueLater(orgId: string): Promise<void>;
  /** AP20: deleted orgs whose cleanup has not finished, oldest first. */
  unfinished(limit: number): Promise<{ orgId: string; deletedAt: string }[]>;
}
