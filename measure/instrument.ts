import { AsyncLocalStorage } from 'node:async_hooks';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { estimatedWriteUnits } from './write-units.ts';

export interface CallRecord {
  command: string;
  input: Record<string, unknown>;
  capacity: number;
  /** The call was answered with an error (e.g. a transaction cancelled by a conflict, then sent again). */
  failed?: true;
}

const als = new AsyncLocalStorage<CallRecord[]>();
const installed = new WeakSet<object>();

/**
 * Counts the DynamoDB calls made inside `measure(...)` and sums their ConsumedCapacity. It is SDK
 * middleware on the real client, and scoped with AsyncLocalStorage, so calls made by the stream
 * dispatcher or other requests at the same moment are not counted.
 */
export function instrument(doc: DynamoDBDocumentClient): void {
  if (installed.has(doc)) return;
  installed.add(doc);
  doc.middlewareStack.add(
    (next, ctx) => async (args) => {
      const calls = als.getStore();
      if (!calls) return next(args);
      const input = args.input as Record<string, unknown>;
      input.ReturnConsumedCapacity = 'TOTAL';
      const record: CallRecord = { command: String(ctx.commandName), input: structuredClone(input), capacity: 0 };
      calls.push(record);
      const out = await next(args).catch((error: unknown) => {
        record.failed = true;
        throw error;
      });
      record.capacity = capacityOf((out.output as { ConsumedCapacity?: unknown }).ConsumedCapacity);
      return out;
    },
    { step: 'initialize', name: 'benchCountCalls', priority: 'high' },
  );
}

function capacityOf(c: unknown): number {
  if (!c) return 0;
  if (Array.isArray(c)) return c.reduce((s: number, x) => s + capacityOf(x), 0);
  const x = c as { CapacityUnits?: number; ReadCapacityUnits?: number; WriteCapacityUnits?: number };
  return x.CapacityUnits ?? (x.ReadCapacityUnits ?? 0) + (x.WriteCapacityUnits ?? 0);
}

export async function measure<T>(fn: () => Promise<T>): Promise<{ result: T; calls: CallRecord[] }> {
  const calls: CallRecord[] = [];
  const result = await als.run(calls, fn);
  return { result, calls };
}

export const summarize = (calls: CallRecord[]) => ({
  roundTrips: calls.length,
  /** As DynamoDB Local reports it (ReturnConsumedCapacity TOTAL). */
  capacity: Math.round(calls.reduce((s, c) => s + c.capacity, 0) * 10) / 10,
  /** What AWS would bill the writes (write-units.ts): DynamoDB Local undercounts transactions. */
  awsWriteUnits: estimatedWriteUnits(calls),
  commands: calls.map((c) => c.command.replace(/Command$/, '')),
  scans: calls.filter((c) => c.command === 'ScanCommand').length,
});
