import { type DynamoDBDocumentClient, QueryCommand, type QueryCommandInput, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import { tableDefinition } from '../../db/table.ts';
import type { Table } from './client.ts';

/**
 * Every page of a Query, one after another, each read once its caller asks for it: a caller that has
 * what it needs stops reading by leaving its loop.
 */
export async function* queryPages(doc: DynamoDBDocumentClient, input: Omit<QueryCommandInput, 'ExclusiveStartKey'>): AsyncGenerator<QueryCommandOutput> {
  let start: Record<string, unknown> | undefined;
  do {
    const res = await doc.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    yield res;
    start = res.LastEvaluatedKey;
  } while (start);
}

/**
 * Every item a Query matches, page after page. For the access patterns whose result is small by
 * construction (an org's expired invitations, a user's memberships); lists that clients page use cursors.
 */
export async function queryAll(doc: DynamoDBDocumentClient, input: Omit<QueryCommandInput, 'ExclusiveStartKey'>): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for await (const res of queryPages(doc, input)) items.push(...(res.Items ?? []));
  return items;
}

/**
 * The first `limit` items of one partition, one page: the retry markers' work lists, which a periodic job
 * takes a batch at a time and shrinks as it goes (so it never needs a cursor).
 */
export async function firstInPartition(t: Table, pk: string, limit: number): Promise<Record<string, unknown>[]> {
  const res = await t.doc.send(
    new QueryCommand({ TableName: t.name, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': pk }, Limit: limit }),
  );
  return res.Items ?? [];
}

/** A Query of the items on GSI1 under one partition and sort-key prefix (a GSI1 prefix from `keys`). */
export const onGsi1Under = (tableName: string, prefix: { GSI1PK: string; GSI1SKPrefix: string }) => ({
  TableName: tableName,
  IndexName: tableDefinition.gsi1.name,
  KeyConditionExpression: 'GSI1PK = :pk AND begins_with(GSI1SK, :sk)',
  ExpressionAttributeValues: { ':pk': prefix.GSI1PK, ':sk': prefix.GSI1SKPrefix },
});
