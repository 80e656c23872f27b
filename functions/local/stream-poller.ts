import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { localCredentials, localRegion } from './dynamodb-local.ts';

export interface PollerOptions {
  endpoint: string;
  tableName: string;
  handler: (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>;
  /** What Lambda's event source mapping does after the retries: hand the record to the on-failure destination. */
  onFailure?: (record: StreamRecord, error: string) => Promise<void>;
  retryAttempts?: number;
  batchSize?: number;
  intervalMs?: number;
}

/**
 * Reads DynamoDB Local's stream and invokes the same dispatcher handler Lambda would, with the
 * same event shape, batch item failures and bounded retries, so the outbox path runs for real.
 */
export class StreamPoller {
  private readonly streams: DynamoDBStreamsClient;
  private readonly iterators = new Map<string, string | null>();
  /** The last record handed to the handler, per shard: where to pick up when an iterator goes bad. */
  private readonly lastSequence = new Map<string, string>();
  private running = false;
  private loop?: Promise<void>;
  private cycle = 0;
  private idleWaiters: { after: number; resolve: () => void }[] = [];

  constructor(private readonly o: PollerOptions) {
    this.streams = new DynamoDBStreamsClient({ endpoint: o.endpoint, region: localRegion, credentials: localCredentials });
  }

  async start(): Promise<void> {
    const ddb = new DynamoDBClient({ endpoint: this.o.endpoint, region: localRegion, credentials: localCredentials });
    const table = await ddb.send(new DescribeTableCommand({ TableName: this.o.tableName }));
    ddb.destroy();
    const arn = table.Table?.LatestStreamArn;
    if (!arn) throw new Error(`table ${this.o.tableName} has no stream`);
    // shards that exist now are read from their end: a restarted stack does not resend old emails
    await this.discover(arn, 'LATEST');
    this.running = true;
    this.loop = this.run(arn);
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
    this.streams.destroy();
  }

  /** Resolves once every record written so far has been handled (tests and benchmarks wait on it). */
  idle(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push({ after: this.cycle, resolve }));
  }

  private async discover(arn: string, position: 'LATEST' | 'TRIM_HORIZON') {
    let start: string | undefined;
    do {
      const res = await this.streams.send(new DescribeStreamCommand({ StreamArn: arn, ExclusiveStartShardId: start }));
      for (const shard of res.StreamDescription?.Shards ?? []) {
        const id = shard.ShardId as string;
        if (this.iterators.has(id)) continue;
        const it = await this.streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: id, ShardIteratorType: position }));
        this.iterators.set(id, it.ShardIterator ?? null);
      }
      start = res.StreamDescription?.LastEvaluatedShardId;
    } while (start);
  }

  private async run(arn: string) {
    let sinceDiscover = 0;
    while (this.running) {
      const cycle = ++this.cycle;
      let handled = 0;
      let clean = true;
      try {
        if (++sinceDiscover >= 10) {
          sinceDiscover = 0;
          await this.discover(arn, 'TRIM_HORIZON');
        }
        for (const [shard, iterator] of this.iterators) {
          if (!iterator) continue;
          const res = await this.records(arn, shard, iterator);
          if (!res) {
            clean = false;
            continue;
          }
          this.iterators.set(shard, res.NextShardIterator ?? null);
          const records = res.Records ?? [];
          if (records.length > 0) {
            handled += records.length;
            await this.deliver(records);
            const last = records.at(-1)?.dynamodb?.SequenceNumber;
            if (last) this.lastSequence.set(shard, last);
          }
        }
      } catch (error) {
        clean = false;
        if (this.running) process.stderr.write(`stream poller: ${(error as Error).message}\n`);
      }
      if (handled === 0) {
        // only a clean cycle that began after the caller asked can vouch that nothing is left
        if (clean) {
          const done = this.idleWaiters.filter((w) => w.after < cycle);
          this.idleWaiters = this.idleWaiters.filter((w) => w.after >= cycle);
          for (const w of done) w.resolve();
        }
        await new Promise((r) => setTimeout(r, this.o.intervalMs ?? 50));
      }
    }
    for (const w of this.idleWaiters.splice(0)) w.resolve();
  }

  /**
   * One GetRecords. DynamoDB Local sometimes answers a valid iterator with TrimmedDataAccessException
   * (a LATEST iterator taken on an empty shard, once the first record arrives: a known DynamoDB Local
   * bug, aws/aws-sdk-java#2923), and iterators expire after 15 minutes. Either way the shard is read
   * again right after the last record handled, so nothing is skipped or handed over twice. If none was
   * handled yet it is read from its start: for a new table that is exactly what it holds; an `npm start`
   * restarted on a kept table may then hand old records again, which the send ledger answers without
   * sending. Null tells the caller this cycle read nothing from the shard.
   */
  private async records(arn: string, shard: string, iterator: string) {
    try {
      return await this.streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: this.o.batchSize ?? 100 }));
    } catch (error) {
      const name = (error as { name?: string }).name;
      if (name !== 'TrimmedDataAccessException' && name !== 'ExpiredIteratorException') throw error;
      const after = this.lastSequence.get(shard);
      const it = await this.streams.send(
        new GetShardIteratorCommand({
          StreamArn: arn,
          ShardId: shard,
          ...(after ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER' as const, SequenceNumber: after } : { ShardIteratorType: 'TRIM_HORIZON' as const }),
        }),
      );
      this.iterators.set(shard, it.ShardIterator ?? null);
      return null;
    }
  }

  private async deliver(records: StreamRecord[]) {
    let pending = records;
    const attempts = this.o.retryAttempts ?? 3;
    for (let attempt = 0; pending.length > 0; attempt++) {
      const event = { Records: pending.map(asLambdaRecord) } as unknown as DynamoDBStreamEvent;
      let failedIds: Set<string>;
      try {
        const res = await this.o.handler(event);
        failedIds = new Set(res.batchItemFailures.map((f) => f.itemIdentifier));
      } catch {
        failedIds = new Set(pending.map((r) => r.dynamodb?.SequenceNumber ?? ''));
      }
      pending = pending.filter((r) => failedIds.has(r.dynamodb?.SequenceNumber ?? ''));
      if (pending.length === 0) return;
      if (attempt >= attempts) {
        for (const r of pending) await this.o.onFailure?.(r, 'retries exhausted');
        return;
      }
      await new Promise((r) => setTimeout(r, 100 * 2 ** attempt));
    }
  }
}

/**
 * The record as Lambda's event source mapping delivers it. One repair: the Streams client reads an
 * empty map attribute ({"M":{}}) back as {}, which unmarshall rejects; Lambda's events keep {"M":{}}.
 */
function asLambdaRecord(r: StreamRecord) {
  const d = r.dynamodb;
  return {
    ...r,
    eventSource: 'aws:dynamodb',
    awsRegion: localRegion,
    dynamodb: d && {
      ...d,
      ...(d.NewImage ? { NewImage: repairMaps(d.NewImage) } : {}),
      ...(d.OldImage ? { OldImage: repairMaps(d.OldImage) } : {}),
    },
  };
}

type Attr = Record<string, unknown>;
function repairValue(v: Attr): Attr {
  if (Object.keys(v).length === 0) return { M: {} };
  if (v.M) return { M: repairMaps(v.M as Record<string, Attr>) };
  if (v.L) return { L: (v.L as Attr[]).map(repairValue) };
  return v;
}
function repairMaps(m: Record<string, unknown>): Record<string, Attr> {
  return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, repairValue(v as Attr)]));
}
