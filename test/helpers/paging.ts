import { expect } from 'vitest';
import type { Res, User, useStack } from './stack.ts';

/**
 * Every page of a cursor-paged list route, in order: `path` (with its query string) first, then each
 * `nextCursor` until there is none. Every page must answer 200.
 */
export async function everyPage<T>(api: ReturnType<typeof useStack>, user: User | { token: string }, path: string): Promise<T[][]> {
  const pages: T[][] = [];
  let cursor: string | null | undefined = null;
  do {
    const res: Res<{ items: T[]; nextCursor?: string | null }> = await api.request<{ items: T[]; nextCursor?: string | null }>(
      'GET',
      `${path}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      {
        token: user.token,
      },
    );
    expect(res.status).toBe(200);
    pages.push(res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return pages;
}
