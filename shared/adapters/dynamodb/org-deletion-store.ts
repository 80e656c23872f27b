import { BatchWriteCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { itemTypes, keys, tableDefinition, toEpochSeconds } from '../../db/table.ts';
import type { OrgDeletionStore, OrgItemsPage } from '../../ports.ts';
import type { Table } from './client.ts';
import { queryAll, queryPages } from './query-all.ts';
import { conditionalUpdate } from './transactions.ts';

type Key = { PK: string; SK: string };

const DAY_S = 86_400;
/** BatchWriteItem takes at most 25 requests. */
const BATCH = 25;
/** Batches in flight at once: the cleanup competes with nobody (the org is gone), but other orgs share the table. */
const CONCURRENCY = 4;

/** The cleanup's reads and deletes (AP1 by partition); keys from db/table.ts only. */
export class DynamoOrgDeletionStore implements OrgDeletionStore {
  constructor(private readonly t: Table) {}

  // AP1: the partition from its start; what an earlier page deleted is no longer there.
  async nextPage(orgId: string, limit: number): Promise<OrgItemsPage> {
    const tombstone = keys.org(orgId);
    const page: OrgItemsPage = { refs: [], pendingInvitationIds: [] };
    for await (const res of queryPages(this.t.doc, {
      TableName: this.t.name,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': tombstone.PK },
      ProjectionExpression: 'PK, SK, entity, #status, invitationId',
      ExpressionAttributeNames: { '#status': 'status' },
      Limit: limit,
      ConsistentRead: true,
    })) {
      for (const item of res.Items ?? []) {
        if (item.SK === tombstone.SK) continue;
        page.refs.push({ PK: item.PK, SK: item.SK } satisfies Key);
        if (item.entity === itemTypes.invitation && item.status === 'pending') page.pendingInvitationIds.push(String(item.invitationId));
      }
      // a page that held only the tombstone says nothing about the rest: read on
      if (page.refs.length > 0) break;
    }
    return page;
  }

  async remove(refs: unknown[]): Promise<void> {
    const batches: Key[][] = [];
    for (let i = 0; i < refs.length; i += BATCH) batches.push(refs.slice(i, i + BATCH) as Key[]);
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < batches.length) await this.deleteAll(batches[next++] ?? []);
      }),
    );
  }

  async removeOutside(orgId: string): Promise<number> {
    const org = (await this.t.doc.send(new GetCommand({ TableName: this.t.name, Key: keys.org(orgId), ConsistentRead: true }))).Item;
    const domains = (org?.settings as { allowedDomains?: string[] } | undefined)?.allowedDomains ?? [];
    const retries = keys.scheduleRetriesOf(orgId);
    const quota = keys.quotaPartition(orgId);
    const [retryItems, quotaItems] = await Promise.all([
      queryAll(this.t.doc, {
        TableName: this.t.name,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
        ExpressionAttributeValues: { ':pk': retries.PK, ':sk': retries.SKPrefix },
        ProjectionExpression: 'PK, SK',
      }),
      queryAll(this.t.doc, {
        TableName: this.t.name,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': quota.PK },
        ProjectionExpression: 'PK, SK',
      }),
    ]);
    // an auto-join entry exists only while auto-join was on; deleting one that does not is harmless
    const refs = [...domains.map((d) => keys.autoJoin(d, orgId)), ...retryItems, ...quotaItems] as Key[];
    await this.remove(refs);
    return refs.length;
  }

  async finish(orgId: string, now: string): Promise<void> {
    await conditionalUpdate(this.t, {
      Key: keys.org(orgId),
      ConditionExpression: 'entity = :deleted',
      // the tombstone stays as long as the audit trail (so a late DELETE or link still finds the org gone), then TTL takes it
      UpdateExpression:
        'REMOVE GSI1PK, GSI1SK, memberCount, adminCount, pendingCount, acceptedInvitations, primaryContactUserId, sending, settings SET cleanedAt = :now, #ttl = :ttl',
      ExpressionAttributeNames: { '#ttl': tableDefinition.ttlAttribute },
      ExpressionAttributeValues: { ':deleted': itemTypes.deletedOrg, ':now': now, ':ttl': toEpochSeconds(now) + this.t.retention.auditDays * DAY_S },
    });
  }

  async continueLater(orgId: string, now: string): Promise<void> {
    await this.t.doc.send(
      new UpdateCommand({
        TableName: this.t.name,
        Key: keys.org(orgId),
        ConditionExpression: 'entity = :deleted AND attribute_exists(GSI1PK)',
        UpdateExpression: 'SET cleanupRequestedAt = :now ADD cleanupRounds :one',
        ExpressionAttributeValues: { ':deleted': itemTypes.deletedOrg, ':one': 1, ':now': now },
      }),
    );
  }

  /** One BatchWriteItem of deletes, and again for what DynamoDB left unprocessed (throttling), with a growing pause. */
  private async deleteAll(batch: Key[]): Promise<void> {
    let request = batch.map((Key) => ({ DeleteRequest: { Key: { PK: Key.PK, SK: Key.SK } } }));
    for (let attempt = 0; request.length > 0; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 20 * 2 ** attempt)));
      const res = await this.t.doc.send(new BatchWriteCommand({ RequestItems: { [this.t.name]: request } }));
      request = (res.UnprocessedItems?.[this.t.name] ?? []) as typeof request;
      if (attempt > 8 && request.length > 0) throw new Error(`cleanup: ${request.length} deletes left unprocessed`);
    }
  }
}
