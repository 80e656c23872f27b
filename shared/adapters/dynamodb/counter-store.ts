import { GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { itemTypes, keys } from '../../db/table.ts';
import type { CounterStore, OrgCounters } from '../../ports.ts';
import type { Table } from './client.ts';
import { isOrgItem } from './items.ts';
import { queryPages } from './query-all.ts';
import { openReservations, releaseStaleReservations } from './reservations.ts';
import { conditionalUpdate } from './transactions.ts';

export class DynamoCounterStore implements CounterStore {
  constructor(private readonly t: Table) {}

  // AP1: the org item, then its members and email claims by SK prefix.
  async tally(orgId: string, now: string) {
    const org = (await this.t.doc.send(new GetCommand({ TableName: this.t.name, Key: keys.org(orgId), ConsistentRead: true }))).Item;
    if (!isOrgItem(org)) return null;
    const counted: OrgCounters = { memberCount: 0, adminCount: 0, pendingCount: 0 };
    let expiredNotClosed = 0;
    const m = keys.memberPrefix(orgId);
    for await (const item of this.query(m.PK, m.SKPrefix, 'entity, #role, #status')) {
      if (item.entity !== itemTypes.member) continue;
      counted.memberCount++;
      if (item.role === 'admin' && item.status === 'active' && item.accessUntil === undefined) counted.adminCount++;
    }
    // on the table, not the index, so that the count is consistent with the counters it is compared to
    const c = keys.emailClaimPrefix(orgId);
    for await (const item of this.query(c.PK, c.SKPrefix, 'invitationId, expiresAt')) {
      if (item.invitationId === undefined) continue;
      counted.pendingCount++;
      if (String(item.expiresAt) <= now) expiredNotClosed++;
    }
    // places a bulk invite reserved and has not used yet are held on the counter by design (reservations.ts)
    const reservations = await openReservations(this.t, orgId);
    for (const r of reservations) counted.pendingCount += r.outstanding;
    const stored: OrgCounters = {
      memberCount: Number(org.memberCount ?? 0),
      adminCount: Number(org.adminCount ?? 0),
      pendingCount: Number(org.pendingCount ?? 0),
    };
    return { stored, counted, expiredNotClosed, openReservations: reservations.length };
  }

  async releaseStaleReservations(orgId: string, now: string) {
    return releaseStaleReservations(this.t, orgId, now);
  }

  async repair(orgId: string, from: OrgCounters, to: OrgCounters) {
    const repaired = await conditionalUpdate(this.t, {
      Key: keys.org(orgId),
      // only if nothing moved a counter since the tally; otherwise the caller counts again
      ConditionExpression: 'memberCount = :m0 AND adminCount = :a0 AND pendingCount = :p0',
      UpdateExpression: 'SET memberCount = :m1, adminCount = :a1, pendingCount = :p1',
      ExpressionAttributeValues: {
        ':m0': from.memberCount,
        ':a0': from.adminCount,
        ':p0': from.pendingCount,
        ':m1': to.memberCount,
        ':a1': to.adminCount,
        ':p1': to.pendingCount,
      },
    });
    return repaired ? ('repaired' as const) : ('changed' as const);
  }

  async allOrgIds() {
    const ids: string[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const res = await this.t.doc.send(
        new ScanCommand({
          TableName: this.t.name,
          FilterExpression: 'entity = :org',
          ProjectionExpression: 'orgId',
          ExpressionAttributeValues: { ':org': itemTypes.org },
          ExclusiveStartKey: start,
        }),
      );
      ids.push(...(res.Items ?? []).map((i) => String(i.orgId)));
      start = res.LastEvaluatedKey;
    } while (start);
    return ids;
  }

  private async *query(pk: string, skPrefix: string, projection: string) {
    for await (const res of queryPages(this.t.doc, {
      TableName: this.t.name,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
      ProjectionExpression: projection,
      ...(projection.includes('#') ? { ExpressionAttributeNames: { '#role': 'role', '#status': 'status' } } : {}),
      ExpressionAttributeValues: { ':pk': pk, ':sk': skPrefix },
      ConsistentRead: true,
    })) {
      yield* res.Items ?? [];
    }
  }
}
