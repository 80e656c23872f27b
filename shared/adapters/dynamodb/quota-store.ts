import { itemTypes, keys } from '../../db/table.ts';
import type { QuotaCounter, QuotaRequest, QuotaWindow } from '../../domain/limits/quotas.ts';
import type { QuotaStore } from '../../ports.ts';
import { batchGetAll } from './batch-get.ts';
import type { Table } from './client.ts';
import { Transaction, type TxItem } from './transactions.ts';

export class DynamoQuotaStore implements QuotaStore {
  constructor(private readonly t: Table) {}

  /**
   * AP13: raises every counter by `n` in one transaction, each on the condition that it stays within
   * its limit (`used <= limit - n`): all counters or none, and two concurrent requests can never
   * both take the last places. A refused counter comes back with its count (ALL_OLD), so the 429
   * says how many are left without another read.
   */
  async reserve(requests: QuotaRequest[], n: number, window: QuotaWindow, now: Date) {
    if (requests.length === 0 || n <= 0) return null;
    // the counters outlive their day by two, for the operator's curiosity, then TTL purges them (a
    // top-level constant would keep this module in every bundle that imports the adapters)
    const ttl = Math.floor(now.getTime() / 1000) + window.resetSeconds + 2 * 86_400;
    const cancelled = await this.updateEach(requests, window, (r) => ({
      ConditionExpression: 'attribute_not_exists(used) OR used <= :max',
      UpdateExpression: 'SET entity = :entity, #ttl = :ttl ADD used :n',
      ExpressionAttributeNames: { '#ttl': 'ttl' },
      ExpressionAttributeValues: { ':max': r.limit - n, ':n': n, ':entity': itemTypes.quota, ':ttl': ttl },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    })).commit();
    if (!cancelled) return null;
    const i = requests.findIndex((_, j) => cancelled.failed(`counter:${j}`));
    return { refused: requests[i] as QuotaRequest, used: Number(cancelled.failed(`counter:${i}`)?.item?.used ?? 0) };
  }

  /** Gives back places a request reserved and did not use (never below zero: a counter already below `n` is left as it is). */
  async release(requests: QuotaRequest[], n: number, window: QuotaWindow) {
    if (requests.length === 0 || n <= 0) return;
    await this.updateEach(requests, window, () => ({
      ConditionExpression: 'used >= :n',
      UpdateExpression: 'ADD used :minus',
      ExpressionAttributeValues: { ':n': n, ':minus': -n },
    })).commit();
  }

  /** One transaction that updates each request's counter of `window` (entry `counter:<i>` for requests[i]). */
  private updateEach(requests: QuotaRequest[], window: QuotaWindow, update: (r: QuotaRequest) => Omit<NonNullable<TxItem['Update']>, 'TableName' | 'Key'>) {
    const tx = new Transaction(this.t);
    requests.forEach((r, i) => {
      tx.add(`counter:${i}`, { Update: { TableName: this.t.name, Key: keys.quota(r.counter.owner, r.counter.name, window.id), ...update(r) } });
    });
    return tx;
  }

  /** AP13 read: the counters' `used` today, for the org view and the invite dry run (consistent: a dry run right after an invite sees it). */
  async used(counters: QuotaCounter[], window: QuotaWindow) {
    if (counters.length === 0) return [];
    const found = await batchGetAll(
      this.t,
      counters.map((c) => keys.quota(c.owner, c.name, window.id)),
      { projection: 'PK, SK, used' },
    );
    return counters.map((c) => {
      const key = keys.quota(c.owner, c.name, window.id);
      return Number(found.find((i) => i.PK === key.PK && i.SK === key.SK)?.used ?? 0);
    });
  }
}
