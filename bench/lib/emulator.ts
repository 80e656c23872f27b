import { randomBytes } from 'node:crypto';
import { BatchWriteCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ensureTable } from '../../functions/local/dynamodb-local.ts';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.ts';
import { PARALLEL_TRANSACTIONS as IN_FLIGHT } from '../../shared/adapters/dynamodb/invitation-creation.ts';
import type { TxItem } from '../../shared/adapters/dynamodb/transactions.ts';
import { ms, summary } from './stats.ts';

/**
 * What DynamoDB Local itself costs per item, on a table with the stack's definition in an instance
 * that serves nothing else (bench/run.ts starts one): small items, no handler, the calls `IN_FLIGHT`
 * at a time as a bulk invite sends them. This is the bound of the bulk request on the local stack
 * (docs/performance.md): the emulator runs every write of a table through one SQLite thread under a
 * table lock, so calls in flight do not overlap.
 */
export async function emulatorCosts(endpoint: string, itemsPerRun: number, runs: number) {
  const name = `bench-emulator-${randomBytes(3).toString('hex')}`;
  await ensureTable(endpoint, name);
  const doc = createDocumentClient({ region: 'us-east-1', endpoint });
  const item = (pk: string, i: number) => ({ PK: pk, SK: `ITEM#${i}`, entity: 'probe', at: new Date().toISOString() });
  const transact = (n: number, one: (i: number) => TxItem) =>
    doc.send(new TransactWriteCommand({ TransactItems: Array.from({ length: n }, (_, i) => one(i)) }));
  const kinds: { kind: string; perCall: number; send: (pk: string, from: number, n: number) => Promise<unknown> }[] = [
    {
      kind: 'TransactWriteItems: Put, attribute_not_exists',
      perCall: 100,
      send: (pk, from, n) => transact(n, (i) => ({ Put: { TableName: name, Item: item(pk, from + i), ConditionExpression: 'attribute_not_exists(PK)' } })),
    },
    {
      kind: 'TransactWriteItems: ConditionCheck, attribute_not_exists',
      perCall: 100,
      send: (pk, from, n) =>
        transact(n, (i) => ({ ConditionCheck: { TableName: name, Key: { PK: pk, SK: `NONE#${from + i}` }, ConditionExpression: 'attribute_not_exists(PK)' } })),
    },
    {
      kind: 'BatchWriteItem: Put (no condition)',
      perCall: 25,
      send: (pk, from, n) =>
        doc.send(
          new BatchWriteCommand({
            RequestItems: { [name]: Array.from({ length: n }, (_, i) => ({ PutRequest: { Item: item(pk, from + i) } })) },
          }),
        ),
    },
  ];
  const rows: Record<string, unknown>[] = [];
  for (const k of kinds) {
    const samples: number[] = [];
    // the first run is not counted: it is the JIT's
    for (let r = 0; r <= runs; r++) {
      const t = await timed(k.send, itemsPerRun, k.perCall);
      if (r > 0) samples.push((t / itemsPerRun) * 1000);
    }
    rows.push({ kind: k.kind, itemsPerCall: k.perCall, inFlight: IN_FLIGHT, msPer1000ItemsP50: Math.round(summary(samples).p50) });
  }
  doc.destroy();
  return rows;
}

async function timed(send: (pk: string, from: number, n: number) => Promise<unknown>, items: number, perCall: number) {
  const pk = `PROBE#${randomBytes(6).toString('hex')}`;
  const starts = Array.from({ length: Math.ceil(items / perCall) }, (_, i) => i * perCall);
  const t = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      for (let from = starts.shift(); from !== undefined; from = starts.shift()) await send(pk, from, Math.min(perCall, items - from));
    }),
  );
  return ms(t);
}
