import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../../db/table.ts';
import type { AuditEvent, Page } from '../../domain/model.ts';
import type { AuditStore, ListOptions } from '../../ports.ts';
import type { Table } from './client.ts';
import type { Cursors } from './cursors.ts';
import { fromAuditItem } from './items.ts';

export class DynamoAuditStore implements AuditStore {
  constructor(private readonly t: Table, private readonly cursors: Cursors) {}

  // AP7: an org's audit trail, newest first.
  async list(orgId: string, filter: { types?: string[] }, page: ListOptions): Promise<Page<AuditEvent>> {
    const scope = `audit:${orgId}`;
    let start = this.cursors.decode(scope, page.cursor);
    const exact = (filter.types ?? []).filter((t) => !t.endsWith('.*'));
    const prefixes = (filter.types ?? []).filter((t) => t.endsWith('.*')).map((t) => t.slice(0, -1));
    const parts = [...exact.map((_, i) => `#type = :t${i}`), ...prefixes.map((_, i) => `begins_with(#type, :p${i})`)];
    const values: Record<string, unknown> = { ':pk': keys.auditPartition(orgId).PK };
    exact.forEach((t, i) => { values[`:t${i}`] = t; });
    prefixes.forEach((p, i) => { values[`:p${i}`] = p; });
    const out: Record<string, unknown>[] = [];
    do {
      const res = await this.t.doc.send(new QueryCommand({
        TableName: this.t.name,
        KeyConditionExpression: 'PK = :pk',
        ...(parts.length ? { FilterExpression: parts.join(' OR '), ExpressionAttributeNames: { '#type': 'type' } } : {}),
        ExpressionAttributeValues: values,
        ScanIndexForward: false,
        Limit: page.limit + 1 - out.length,
        ExclusiveStartKey: start,
      }));
      out.push(...(res.Items ?? []));
      start = res.LastEvaluatedKey;
    } while (start && out.length <= page.limit);
    const items = out.slice(0, page.limit);
    const last = items[items.length - 1];
    const more = out.length > page.limit || start !== undefined;
    return {
      items: items.map(fromAuditItem),
      nextCursor: this.cursors.encode(scope, more && last ? { PK: last.PK, SK: last.SK } : undefined),
    };
  }
}
