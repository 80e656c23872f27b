import { describe, expect, it } from 'vitest';
import { conditions } from '../../shared/adapters/dynamodb/conditions.ts';
import { foldChecks, type TxItem } from '../../shared/adapters/dynamodb/transactions.ts';

const T = 'table';
const orgKey = { PK: 'ORG#o1', SK: 'ORG' };
const counterUpdate: TxItem = {
  Update: {
    TableName: T,
    Key: orgKey,
    ConditionExpression: 'adminCount > :one',
    UpdateExpression: 'ADD adminCount :d',
    ExpressionAttributeValues: { ':one': 1, ':d': -1 },
  },
};
const liveOrgCheck: TxItem = { ConditionCheck: { TableName: T, Key: orgKey, ...conditions.liveOrg } };
const memberPut: TxItem = { Put: { TableName: T, Item: { PK: 'ORG#o1', SK: 'MEMBER#u1' } } };

describe('a transaction never holds two actions on one item (DynamoDB refuses it)', () => {
  it("a check on an item another entry writes is merged into that write's condition, wherever it stands", () => {
    for (const [entries, expected] of [
      [
        [liveOrgCheck, memberPut, counterUpdate],
        [undefined, 0, 1],
      ],
      [
        [memberPut, counterUpdate, liveOrgCheck],
        [0, 1, undefined],
      ],
    ] as const) {
      const { items, sentAs } = foldChecks(entries);
      expect(items).toHaveLength(2);
      const update = items.find((i) => i.Update)?.Update;
      expect(update?.ConditionExpression).toBe('(adminCount > :one) AND (attribute_exists(PK) AND attribute_not_exists(deletedAt))');
      expect(update?.ExpressionAttributeValues).toEqual({ ':one': 1, ':d': -1 });
      // the merged check is sent nowhere of its own (its host's reason covers it); the others keep their order
      expect(sentAs).toEqual(expected);
      expect(items[0]).toBe(memberPut);
    }
  });

  it('two checks on one item become one check; a write without a condition takes the check as its condition', () => {
    const other: TxItem = {
      ConditionCheck: { TableName: T, Key: orgKey, ConditionExpression: 'pendingCount < :max', ExpressionAttributeValues: { ':max': 5 } },
    };
    expect(foldChecks([other, liveOrgCheck]).items).toEqual([
      {
        ConditionCheck: {
          TableName: T,
          Key: orgKey,
          ConditionExpression: '(pendingCount < :max) AND (attribute_exists(PK) AND attribute_not_exists(deletedAt))',
          ExpressionAttributeValues: { ':max': 5 },
        },
      },
    ]);
    const plain: TxItem = { Update: { TableName: T, Key: orgKey, UpdateExpression: 'ADD memberCount :d', ExpressionAttributeValues: { ':d': 1 } } };
    expect(foldChecks([plain, liveOrgCheck]).items[0]?.Update?.ConditionExpression).toBe(conditions.liveOrg.ConditionExpression);
  });

  it('items on different keys or tables are left as they are', () => {
    const elsewhere: TxItem = { ConditionCheck: { TableName: 'other', Key: orgKey, ...conditions.liveOrg } };
    const entries = [counterUpdate, memberPut, elsewhere];
    expect(foldChecks(entries)).toEqual({ items: entries, sentAs: [0, 1, 2] });
  });

  it('a placeholder reused with another meaning, or two writes to one item, are refused rather than sent wrong', () => {
    const clash: TxItem = { ConditionCheck: { TableName: T, Key: orgKey, ConditionExpression: 'x = :one', ExpressionAttributeValues: { ':one': 2 } } };
    expect(() => foldChecks([counterUpdate, clash])).toThrow(/:one/);
    expect(() => foldChecks([counterUpdate, counterUpdate])).toThrow(/twice/);
  });
});
