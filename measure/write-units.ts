import type { CallRecord } from './instrument.ts';

/**
 * The size DynamoDB bills an item by: attribute names plus values, as documented ("Item sizes and
 * formats"): strings and binaries by length, a number by about half its significant digits plus
 * one, booleans and nulls 1 byte, lists and maps 3 bytes plus 1 per element plus the elements.
 */
export function itemBytes(value: unknown): number {
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (typeof value === 'number' || typeof value === 'bigint') {
    const digits = String(value)
      .replace(/^-|\.|e.*$/g, '')
      .replace(/^0+|0+$/g, '').length;
    return Math.ceil(Math.max(digits, 1) / 2) + 1;
  }
  if (typeof value === 'boolean' || value === null || value === undefined) return 1;
  if (value instanceof Uint8Array) return value.byteLength;
  if (value instanceof Set) return [...value].reduce((s: number, v) => s + itemBytes(v), 0);
  if (Array.isArray(value)) return 3 + value.reduce((s: number, v) => s + 1 + itemBytes(v), 0);
  return 3 + Object.entries(value as Record<string, unknown>).reduce((s, [k, v]) => s + 1 + Buffer.byteLength(k) + itemBytes(v), 0);
}

/** Top-level attributes are not a map: no map overhead. */
const topLevel = (item: Record<string, unknown>) => Object.entries(item).reduce((s, [k, v]) => s + Buffer.byteLength(k) + itemBytes(v), 0);
const kb = (item: unknown) => Math.max(1, Math.ceil(topLevel(item as Record<string, unknown>) / 1024));

/** A put item with both index keys also writes an entry of GSI1, which projects the whole item. */
const indexKb = (item: unknown) => {
  const i = item as Record<string, unknown>;
  return i.GSI1PK !== undefined && i.GSI1SK !== undefined ? kb(i) : 0;
};

/**
 * What AWS would bill the calls' writes, in write units: 1 per KB of each item written, 2 inside a
 * transaction, and 1 per KB of each index entry a put writes (an index is updated after the
 * transaction, as an ordinary write). DynamoDB Local does not report this: it charges a whole
 * transaction for its largest item (99 items of 100 bytes: 2 units; docs/performance.md), so its
 * figure undercounts batches. Puts are sized from the item sent; an update, delete or condition
 * check counts one KB (the items this service updates that way, counters and states, are under
 * 1 KB), and the index entries an update moves are not counted.
 */
export function estimatedWriteUnits(calls: CallRecord[]): number {
  let units = 0;
  for (const { command, input } of calls) {
    if (command === 'TransactWriteItemsCommand') {
      for (const entry of (input.TransactItems ?? []) as Record<string, { Item?: unknown }>[]) {
        const put = entry.Put;
        units += put ? 2 * kb(put.Item) + indexKb(put.Item) : 2;
      }
    } else if (command === 'BatchWriteItemCommand') {
      for (const requests of Object.values((input.RequestItems ?? {}) as Record<string, { PutRequest?: { Item: unknown } }[]>)) {
        for (const r of requests) units += r.PutRequest ? kb(r.PutRequest.Item) + indexKb(r.PutRequest.Item) : 1;
      }
    } else if (command === 'PutItemCommand') {
      units += kb(input.Item) + indexKb(input.Item);
    } else if (command === 'UpdateItemCommand' || command === 'DeleteItemCommand') {
      units += 1;
    }
  }
  return units;
}
