import * as z from 'zod/mini';
import { Pagination } from './schemas.ts';

/** A list route's query: its own filters, then the paging every list takes. */
export const listQuery = <S extends z.core.$ZodLooseShape>(filters: S) => z.strictObject({ ...filters, ...Pagination });

interface Paging {
  limit: number;
  cursor?: string;
}

/**
 * What a list use case's command takes from the query: `limit`, then the cursor and each filter
 * (under the command's name for it, `names`) only when given, since the commands' optional fields
 * take no `undefined` (exactOptionalPropertyTypes) and an empty value means no filter.
 */
export function listCommand<Q extends Paging, const N extends { [K in Exclude<keyof Q, keyof Paging>]?: string } = Record<never, string>>(query: Q, names?: N) {
  const given = (key: string) => (query as unknown as Record<string, unknown>)[key];
  const filters = Object.fromEntries(Object.entries(names ?? {}).flatMap(([from, to]) => (given(from) ? [[to, given(from)]] : [])));
  return { limit: query.limit, ...filters, ...(query.cursor ? { cursor: query.cursor } : {}) } as Paging & {
    [K in keyof N & keyof Q as N[K] & string]?: Exclude<Q[K], undefined>;
  };
}
