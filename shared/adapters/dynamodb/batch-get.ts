import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import type { Table } from './client.ts';
import { backoffMs, busyFrom, sleep, timeForAnother } from './retry-policy.ts';

type Key = Record<string, unknown>;
type Item = Record<string, unknown>;

/** BatchGetItem takes at most 100 keys. */
const KEYS_PER_BATCH = 100;

/**
 * Every item of `keyList` that exists, however many keys and however throttled. BatchGetItem answers
 * a throttled part of its keys in `UnprocessedKeys` instead of failing: a read that ignores them
 * reports a real org or membership as missing (a `404 org_not_found` for a real admin). Unprocessed
 * keys are asked again after a jittered backoff, under the retry policy's limits; a read that cannot
 * finish is `service_busy`, never a partial answer.
 */
export async function batchGetAll(t: Table, keyList: Key[], opts: { consistent?: boolean; projection?: string } = {}): Promise<Item[]> {
  const out: Item[] = [];
  for (let i = 0; i < keyList.length; i += KEYS_PER_BATCH) {
    let request: Key[] = keyList.slice(i, i + KEYS_PER_BATCH);
    for (let stalled = 0; request.length > 0; ) {
      const res = await t.doc.send(
        new BatchGetCommand({
          RequestItems: {
            [t.name]: {
              Keys: request,
              ...(opts.consistent !== false ? { ConsistentRead: true } : {}),
              ...(opts.projection ? { ProjectionExpression: opts.projection } : {}),
            },
          },
        }),
      );
      out.push(...(res.Responses?.[t.name] ?? []));
      const left = (res.UnprocessedKeys?.[t.name]?.Keys ?? []) as Key[];
      if (left.length === 0) break;
      // a round that made progress starts the backoff over; only rounds that got nothing count against it
      stalled = left.length < request.length ? 0 : stalled + 1;
      const wait = backoffMs(stalled);
      if (!timeForAnother(stalled, wait)) throw busyFrom(new Error(`BatchGetItem left ${left.length} keys unprocessed`));
      await sleep(wait);
      request = left;
    }
  }
  return out;
}
