import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CallRecord } from '../../measure/instrument.ts';
import { estimatedWriteUnits } from '../../measure/write-units.ts';

let active: CostMeter | undefined;
const attached = new WeakSet<object>();
const READS = new Set(['GetCommand', 'GetItemCommand', 'BatchGetCommand', 'BatchGetItemCommand', 'QueryCommand', 'ScanCommand']);

/**
 * Everything a scenario makes AWS bill, counted as it runs on the local stack: the function
 * invocations (by function, with their duration on this machine), the DynamoDB calls of every
 * function (routes and workers alike, unlike `measure`, which sees one request), emails, schedules,
 * events and log bytes.
 */
export class CostMeter {
  readonly calls: CallRecord[] = [];
  readonly invocations = new Map<string, number[]>();
  emails = 0;
  schedulesCreated = 0;
  schedulesDeleted = 0;
  scheduleInvocations = 0;
  busEvents = 0;
  snsPublishes = 0;
  apiRequests = 0;
  logBytes = 0;

  /** DynamoDB middleware on the client every function of the local stack shares; this meter counts from now on. */
  attach(doc: DynamoDBDocumentClient): void {
    active = this;
    if (attached.has(doc)) return;
    attached.add(doc);
    doc.middlewareStack.add(
      (next, ctx) => async (args) => {
        const meter = active;
        if (!meter) return next(args);
        const input = args.input as Record<string, unknown>;
        input.ReturnConsumedCapacity = 'TOTAL';
        const record: CallRecord = { command: String(ctx.commandName), input: structuredClone(input), capacity: 0 };
        const out = await next(args);
        record.capacity = capacityOf((out.output as { ConsumedCapacity?: unknown }).ConsumedCapacity);
        meter.calls.push(record);
        return out;
      },
      { step: 'initialize', name: 'costMeter', priority: 'high' },
    );
  }

  /** Runs one invocation of a function and records its duration on this machine. */
  async invocation<T>(fn: string, run: () => Promise<T>): Promise<T> {
    const t = process.hrtime.bigint();
    try {
      return await run();
    } finally {
      const list = this.invocations.get(fn) ?? [];
      list.push(Number(process.hrtime.bigint() - t) / 1e6);
      this.invocations.set(fn, list);
    }
  }

  get writeUnits(): number {
    return estimatedWriteUnits(this.calls);
  }

  /** As DynamoDB Local reports them: 0.5 per 4 KB eventually consistent, 1 strongly consistent. */
  get readUnits(): number {
    return this.calls.filter((c) => READS.has(c.command)).reduce((s, c) => s + c.capacity, 0);
  }

  /** Item writes that reach the stream (each put, update and delete of an item; a failed condition writes nothing). */
  get streamRecords(): number {
    let n = 0;
    for (const { command, input } of this.calls) {
      if (command === 'TransactWriteCommand' || command === 'TransactWriteItemsCommand') {
        n += ((input.TransactItems ?? []) as Record<string, unknown>[]).filter((e) => !e.ConditionCheck).length;
      } else if (command === 'BatchWriteCommand' || command === 'BatchWriteItemCommand') {
        n += Object.values((input.RequestItems ?? {}) as Record<string, unknown[]>).reduce((s, l) => s + l.length, 0);
      } else if (/^(Put|Update|Delete)(Item)?Command$/.test(command)) {
        n += 1;
      }
    }
    return n;
  }
}

function capacityOf(c: unknown): number {
  if (!c) return 0;
  if (Array.isArray(c)) return c.reduce((s: number, x) => s + capacityOf(x), 0);
  const x = c as { CapacityUnits?: number; ReadCapacityUnits?: number; WriteCapacityUnits?: number };
  return x.CapacityUnits ?? (x.ReadCapacityUnits ?? 0) + (x.WriteCapacityUnits ?? 0);
}
