import { createHash } from 'node:crypto';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../../db/table.ts';
import { DomainError } from '../../domain/errors.ts';
import type { AuditEvent, Page } from '../../domain/model.ts';
import type { AuditFilter, AuditStore, ListOptions } from '../../ports.ts';
import type { Table } from './client.ts';
import type { Cursors } from './cursors.ts';
import { auditEventsOf } from './items.ts';

/** A narrow filter over a long trail must not turn one request into a read of the whole partition. */
const MAX_READS_PER_PAGE = 10;

export class DynamoAuditStore implements AuditStore {
  constructor(
    private readonly t: Table,
    private readonly cursors: Cursors,
  ) {}

  // AP7: an org's audit trail, newest first. since/until narrow the sort key range (SK = <at>#<eventId>).
  async list(orgId: string, filter: AuditFilter, page: ListOptions): Promise<Page<AuditEvent>> {
    // The cursor is bound to the org and to the filter: resuming another list is a 400, not a skip.
    const scope = `audit:${orgId}:${createHash('sha256').update(JSON.stringify(filter)).digest('base64url').slice(0, 16)}`;
    const resumeAt = this.cursors.decode(scope, page.cursor) as { PK: string; SK: string; n?: unknown } | undefined;
    // signed, so only this code wrote it; checked all the same before it reaches slice()
    if (resumeAt?.n !== undefined && !(Number.isInteger(resumeAt.n) && (resumeAt.n as number) > 0)) throw new DomainError('validation', 'invalid_cursor');
    const values: Record<string, unknown> = { ':pk': keys.auditPartition(orgId).PK };
    const names: Record<string, string> = {};
    let keyCondition = 'PK = :pk';
    if (filter.since !== undefined && filter.until !== undefined) {
      // `<until>` sorts before every `<until>#<eventId>`, so BETWEEN keeps the upper bound exclusive
      keyCondition += ' AND SK BETWEEN :since AND :until';
      Object.assign(values, { ':since': filter.since, ':until': filter.until });
    } else if (filter.since !== undefined) {
      keyCondition += ' AND SK >= :since';
      values[':since'] = filter.since;
    } else if (filter.until !== undefined) {
      keyCondition += ' AND SK < :until';
      values[':until'] = filter.until;
    }
    const conditions: string[] = [];
    const types = filter.types ?? [];
    if (types.length > 0) {
      names['#type'] = 'type';
      const parts = types.map((t, i) => {
        if (t.endsWith('.*')) {
          values[`:p${i}`] = t.slice(0, -1);
          return `begins_with(#type, :p${i})`;
        }
        values[`:t${i}`] = t;
        return `#type = :t${i}`;
      });
      conditions.push(`(${parts.join(' OR ')})`);
    }
    if (filter.actor === 'system') {
      names['#actor'] = 'actor';
      names['#system'] = 'system';
      values[':true'] = true;
      conditions.push('#actor.#system = :true');
    } else if (filter.actor !== undefined) {
      names['#actor'] = 'actor';
      values[':actor'] = filter.actor;
      conditions.push('#actor.userId = :actor');
    }
    // A batch item holds several events (items.ts), so a page can end inside one: its cursor then
    // also says how many of that item's events were already returned (`n`).
    const out: Placed[] = [];
    let reads = 0;
    let start: Item | undefined = resumeAt ? { PK: resumeAt.PK, SK: resumeAt.SK } : undefined;
    let more = true;
    if (resumeAt?.n !== undefined) {
      const res = await this.t.doc.send(new GetCommand({ TableName: this.t.name, Key: { PK: resumeAt.PK, SK: resumeAt.SK } }));
      // a batch purged by its TTL meanwhile has nothing left to give
      if (res.Item) out.push(...placed(res.Item).slice(resumeAt.n as number));
      reads++;
    }
    while (more && out.length <= page.limit && reads < MAX_READS_PER_PAGE) {
      const res = await this.t.doc.send(
        new QueryCommand({
          TableName: this.t.name,
          KeyConditionExpression: keyCondition,
          ...(conditions.length ? { FilterExpression: conditions.join(' AND ') } : {}),
          ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
          ExpressionAttributeValues: values,
          ScanIndexForward: false,
          Limit: page.limit + 1 - out.length,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of res.Items ?? []) out.push(...placed(item));
      start = res.LastEvaluatedKey;
      more = start !== undefined;
      reads++;
    }
    const items = out.slice(0, page.limit);
    const last = items[items.length - 1];
    // a full page resumes after its last event; a page cut short by the read budget resumes where reading stopped
    let resume: Item | undefined = start;
    if (out.length > page.limit && last) {
      resume = { PK: last.PK, SK: last.SK, ...(last.index < last.of - 1 ? { n: last.index + 1 } : {}) };
    }
    return { items: items.map((p) => p.event), nextCursor: this.cursors.encode(scope, resume) };
  }
}

type Item = Record<string, unknown>;
/** An event with the key of the item that holds it and its place among that item's events. */
interface Placed {
  event: AuditEvent;
  PK: unknown;
  SK: unknown;
  index: number;
  of: number;
}

/** A batch's events share their time; newest first, the last written comes first. */
function placed(item: Item): Placed[] {
  const events = auditEventsOf(item).reverse();
  return events.map((event, index) => ({ event, PK: item.PK, SK: item.SK, index, of: events.length }));
}
