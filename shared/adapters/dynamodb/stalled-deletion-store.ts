import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { itemTypes, keys, tableDefinition } from '../../db/table.ts';
import type { StalledDeletionStore } from '../../ports.ts';
import type { Table } from './client.ts';
import { conditionalUpdate } from './transactions.ts';

/**
 * The sweep's view of deleted orgs whose cleanup is unfinished (AP20) and its one write, the touch that
 * asks for another round. Apart from the cleanup's store: the stream dispatcher, which bundles that one,
 * has no use for these (and its bundle is at the 400 KB limit).
 */
export class DynamoStalledDeletionStore implements StalledDeletionStore {
  constructor(private readonly t: Table) {}

  async resumeStalled(orgId: string, lastAskedAt: string, now: string): Promise<'resumed' | 'moved_on'> {
    const resumed = await conditionalUpdate(this.t, {
      Key: keys.org(orgId),
      // unfinished, and nobody asked for a round since the sweep read it (a round or another sweep did: moved on)
      ConditionExpression:
        'entity = :deleted AND attribute_exists(GSI1PK) AND (cleanupRequestedAt = :last OR (attribute_not_exists(cleanupRequestedAt) AND deletedAt = :last))',
      UpdateExpression: 'SET cleanupRequestedAt = :now ADD cleanupRounds :one',
      ExpressionAttributeValues: { ':deleted': itemTypes.deletedOrg, ':last': lastAskedAt, ':one': 1, ':now': now },
    });
    return resumed ? 'resumed' : 'moved_on';
  }

  // AP20
  async unfinished(limit: number) {
    const res = await this.t.doc.send(
      new QueryCommand({
        TableName: this.t.name,
        IndexName: tableDefinition.gsi1.name,
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.orgDeletions().GSI1PK },
        ProjectionExpression: 'orgId, deletedAt, cleanupRequestedAt',
        Limit: limit,
      }),
    );
    return (res.Items ?? []).map((i) => ({
      orgId: String(i.orgId),
      deletedAt: String(i.deletedAt),
      ...(i.cleanupRequestedAt ? { cleanupRequestedAt: String(i.cleanupRequestedAt) } : {}),
    }));
  }
}
