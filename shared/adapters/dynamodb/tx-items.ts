import { keys } from '../../db/table.ts';
import { isServiceActorId } from '../../domain/access.ts';
import type { AuditEvent } from '../../domain/model.ts';
import type { KnownUser } from '../../ports.ts';
import type { Table } from './client.ts';
import { conditions } from './conditions.ts';
import { auditItem, teamMemberItem, userEmailItem } from './items.ts';
import type { TxItem } from './transactions.ts';

/**
 * Transaction items that several stores write. They live here, not in one of those stores, so that
 * no store imports another and a bundle holds only the stores its function calls.
 */

/** The key alone of an item key that also carries index keys. */
export const pick = (k: { PK: string; SK: string }) => ({ PK: k.PK, SK: k.SK });

/** An audit event written with the change it records, kept as long as the deployment keeps its audit trail. */
export function auditPut(t: Table, event: AuditEvent): TxItem {
  return { Put: { TableName: t.name, Item: auditItem(event, t.retention.auditDays) } };
}

/** An update of a member's row; `update` holds its condition and expressions. */
export function memberUpdate(table: string, orgId: string, userId: string, update: Omit<NonNullable<TxItem['Update']>, 'TableName' | 'Key'>): TxItem {
  return { Update: { TableName: table, Key: pick(keys.member(orgId, userId)), ...update } };
}

/**
 * The acting admin must still be an active admin, with access not ended at `now`, when the write lands:
 * authority does not outlive its holder. `now` is the use case's instant for the write (the one its
 * audit event carries), read from the same clock as its read of the actor, after that read.
 * A service principal has no member row; its authority is its scope, so the check is that the org
 * still exists (not deleted). That is a check on the org item: in a transaction that also writes the org
 * item (a membership change, an accept), the Transaction merges it into that write's condition, since
 * DynamoDB refuses two actions on one item (transactions.ts foldChecks; docs/adr/service-principals.md).
 */
export function actorStillAdmin(table: string, orgId: string, userId: string, now: string): TxItem {
  if (isServiceActorId(userId)) return { ConditionCheck: { TableName: table, Key: keys.org(orgId), ...conditions.liveOrg } };
  return { ConditionCheck: { TableName: table, Key: pick(keys.member(orgId, userId)), ...conditions.activeAdmin(now) } };
}

/** A new member's place in a team: the team-member item and the team's counter (the team must still exist). */
export function teamJoinItems(table: string, orgId: string, teamId: string, userId: string, at: string): TxItem[] {
  return [
    { Put: { TableName: table, Item: teamMemberItem(orgId, teamId, userId, at) } },
    {
      Update: {
        TableName: table,
        Key: keys.team(orgId, teamId),
        // a team deleted (or being deleted) since it was read cancels the write; the caller re-reads
        ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(deleting)',
        UpdateExpression: 'ADD memberCount :one',
        ExpressionAttributeValues: { ':one': 1 },
      },
    },
  ];
}

/** Remembers a user by verified email (AP11), so directAddExistingUsers can find them later. */
export function knownUserPut(table: string, u: KnownUser): TxItem {
  return { Put: { TableName: table, Item: userEmailItem(u) } };
}
