import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../../measure/instrument.ts';
import { estimatedWriteUnits, itemBytes } from '../../measure/write-units.ts';

const call = (command: string, input: Record<string, unknown>): CallRecord => ({ command, input, capacity: 0 });

describe('write units as AWS bills them (the bench estimate)', () => {
  it('sizes values by the documented rules', () => {
    expect(itemBytes('abc')).toBe(3);
    expect(itemBytes('é')).toBe(2);
    expect(itemBytes(true)).toBe(1);
    expect(itemBytes(12345)).toBe(4);
    // a map: 3 bytes, and per element 1 byte, its name and its value
    expect(itemBytes({ a: 'xy' })).toBe(3 + 1 + 1 + 2);
    expect(itemBytes(['xy', 'z'])).toBe(3 + 1 + 2 + 1 + 1);
  });

  it('charges a transaction 2 units per KB of every item, where DynamoDB Local charges its largest', () => {
    const small = (i: number) => ({ Put: { TableName: 't', Item: { PK: 'p', SK: `s${i}`, pad: 'x'.repeat(100) } } });
    const big = { Put: { TableName: 't', Item: { PK: 'p', SK: 'big', pad: 'x'.repeat(2500) } } };
    const update = { Update: { TableName: 't', Key: { PK: 'p', SK: 'o' }, UpdateExpression: 'ADD n :one' } };

    expect(estimatedWriteUnits([call('TransactWriteItemsCommand', { TransactItems: Array.from({ length: 99 }, (_, i) => small(i)) })])).toBe(198);
    expect(estimatedWriteUnits([call('TransactWriteItemsCommand', { TransactItems: [big, update] })])).toBe(2 * 3 + 2);
    expect(estimatedWriteUnits([call('PutItemCommand', { Item: big.Put.Item }), call('UpdateItemCommand', {}), call('QueryCommand', {})])).toBe(3 + 1);
  });

  it('adds an index entry, 1 unit per KB, for each put item that carries both index keys', () => {
    const indexed = { PK: 'p', SK: 's', GSI1PK: 'g', GSI1SK: 'h' };
    const half = { PK: 'p', SK: 't', GSI1PK: 'g' };
    expect(estimatedWriteUnits([call('TransactWriteItemsCommand', { TransactItems: [{ Put: { Item: indexed } }, { Put: { Item: half } }] })])).toBe(2 + 1 + 2);
    expect(
      estimatedWriteUnits([call('BatchWriteItemCommand', { RequestItems: { t: [{ PutRequest: { Item: indexed } }, { DeleteRequest: { Key: {} } }] } })]),
    ).toBe(1 + 1 + 1);
  });
});
