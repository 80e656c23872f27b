import type { Invitation } from '../domain/model.ts';

/** What erasing a user touches, remembered before anything is removed, so a retry finds it again. */
export interface ErasurePlan {
  userId: string;
  emails: string[];
  /** Names the user went by (their claims, their memberships): replaced where they appear next to them. */
  names: string[];
  /** Orgs whose audit trail may mention the user: where they were a member or were invited. */
  orgIds: string[];
  /**
   * What their personal data becomes. Chosen at random by the first attempt and kept by the record,
   * so every attempt and every org gets the same one; it is deleted with the record, after which
   * nothing links it to the user (no key could recompute it).
   */
  pseudonym: string;
}

export interface ErasureStore {
  /** Adds to the user's erasure record (creating it): a retry after a half-done erasure sees what the first attempt saw. */
  remember(plan: ErasurePlan): Promise<ErasurePlan>;
  /** Invitations to an email in every org and status (AP4). */
  invitationsTo(email: string): Promise<Invitation[]>;
  /**
   * Rewrites what one org keeps about the user: its audit events (Query AUDIT#orgId + filter) and its
   * closed invitations to them or sent by them. Every value equal to a key of `replace` becomes its
   * value (the pseudonym). Idempotent: a rewritten item no longer matches. Returns how many items changed.
   */
  pseudonymizeOrg(orgId: string, who: { userId: string; emails: string[] }, replace: Record<string, string>): Promise<number>;
  /** Deletes what is keyed by the user or their email: USEREMAIL (if it is theirs), profile, then the erasure record. */
  forget(plan: ErasurePlan): Promise<void>;
}
