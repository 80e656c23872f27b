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
