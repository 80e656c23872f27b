import { type DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Page } from '../../domain/model.ts';
import type { ListOptions } from '../../ports.ts';
import type { Cursors } from './cursors.ts';

/**
 * A store is built without cursors for a function that never pages through it: signing cursors needs
 * the link secret, and such a function is deployed without it. Paging such a store is a wiring bug in
 * the function's composition (functions/http/adapters.ts), not a client error.
 */
export function pagingWith(cursors: Cursors | undefined): Cursors {
  if (!cursors) throw new Error('This store was built without list cursors: compose its paged variant for a route that lists.');
  return cursors;
}

/**
 * One page of a Query that a client pages with cursors: reads until it holds one item more than the
 * page (a filter may leave a read short), so a full page whose list goes on says so, and answers a
 * cursor after the page's last item, signed for `scope`.
 */
export async function queryPage(
  doc: DynamoDBDocumentClient,
  cursors: Cursors | undefined,
  scope: string,
  page: ListOptions,
  input: Omit<QueryCommandInput, 'Limit' | 'ExclusiveStartKey'>,
): Promise<Page<Record<string, unknown>>> {
  let start = pagingWith(cursors).decode(scope, page.cursor);
  const out: Record<string, unknown>[] = [];
  do {
    const res = await doc.send(new QueryCommand({ ...input, Limit: page.limit + 1 - out.length, ExclusiveStartKey: start }));
    out.push(...(res.Items ?? []));
    start = res.LastEvaluatedKey;
  } while (start && out.length <= page.limit);
  const items = out.slice(0, page.limit);
  const last = items[items.length - 1];
  const more = out.length > page.limit || start !== undefined;
  return { items, nextCursor: pagingWith(cursors).encode(scope, more && last ? { PK: last.PK, SK: last.SK } : undefined) };
}
