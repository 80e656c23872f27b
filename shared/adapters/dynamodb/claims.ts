import { keys } from '../../db/table.ts';
import type { Invitation } from '../../domain/model.ts';
import { conditions } from './conditions.ts';
import type { TxItem } from './transactions.ts';

/**
 * Why an email's claim refuses a new holder, read off the claim's item (a cancelled write's
 * ALL_OLD, or a read): a pending invitation holds it, or a member, maybe suspended.
 */
export function claimRefusal(item: Record<string, unknown> | undefined): 'already_invited' | 'already_member' | 'member_suspended' {
  if (item?.userId === undefined) return 'already_invited';
  return item.status === 'suspended' ? 'member_suspended' : 'already_member';
}

/**
 * Ends a pending invitation's claim on its email (revoke, decline, expiry, purge, accept by someone
 * already in the org). Every write that ends a pending invitation carries it.
 */
export function releaseClaim(table: string, inv: Pick<Invitation, 'orgId' | 'email' | 'invitationId'>): TxItem {
  return {
    Delete: {
      TableName: table,
      Key: keys.emailClaim(inv.orgId, inv.email),
      // only our own claim: one held by a newer invitation or by a member cancels the transaction instead
      ...conditions.ownClaim(inv.invitationId),
    },
  };
}
