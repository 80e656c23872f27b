import { signal } from '@preact/signals';
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { messageFor } from '../api/errors.ts';

/** A table that may be wider than the screen: its scrolling region is named and reachable by keyboard. */
export function TableScroll(props: { label: string; children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls sideways must take focus so the keyboard can scroll it (WCAG 2.1.1; axe scrollable-region-focusable)
    <section class="table-scroll" tabIndex={0} aria-label={props.label}>
      {props.children}
    </section>
  );
}

/**
 * A console list as a table in its scrolling region: the column heads (a `false` one is left out), then
 * the rows it is given. `tableLabel` names the table when it says more than the region's label.
 */
export function DataTable(props: { label: string; tableLabel?: string; columns: (ComponentChildren | false)[]; children: ComponentChildren }) {
  const table = useRef<HTMLTableElement>(null);
  useLayoutEffect(() => labelCells(table.current), []);
  return (
    <TableScroll label={props.label}>
      <table ref={table} aria-label={props.tableLabel ?? props.label}>
        <thead>
          <tr>
            {props.columns
              .filter((head) => head !== false)
              .map((head, i) => (
                // a table's columns are fixed for the page: their order is their identity
                <th scope="col" key={i}>
                  {head}
                </th>
              ))}
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </TableScroll>
  );
}

/**
 * Gives every body cell its column head's words as `data-label`, which tables.css shows before the
 * cell's value once a narrow screen stacks the cells (the heads are then out of sight). Done here, on
 * the rendered table, so that no page writes a label per cell; the observer labels rows added later
 * (paging, a row re-rendering alone). Setting an attribute is no child-list change: it cannot loop.
 */
function labelCells(table: HTMLTableElement | null) {
  if (!table) return;
  const label = () => {
    const heads = [...(table.tHead?.rows[0]?.cells ?? [])].map((th) => th.textContent?.trim() ?? '');
    for (const row of table.tBodies[0]?.rows ?? [])
      for (const [i, cell] of [...row.cells].entries()) {
        const head = heads[i];
        if (head && cell.dataset.label !== head) cell.dataset.label = head;
      }
  };
  label();
  const rows = new MutationObserver(label);
  rows.observe(table, { childList: true, subtree: true });
  return () => rows.disconnect();
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * A console list read page by page (members, invitations, the audit log): `load(orgId)` asks for the
 * first page, `load(orgId, cursor)` adds the next one below the rows shown. A first page asked again
 * (another filter) drops the answers still owed to the older one, so a slow answer never replaces a
 * newer list. Here, beside the table that shows the rows, not in a module of its own: the list pages
 * share this chunk already, and a new shared chunk costs the accept page's budget an entry in the
 * app's preload map (test/infra/web-budget.test.ts).
 */
export function pagedList<T>(fetchPage: (orgId: string, cursor?: string) => Promise<Page<T>>, onPage?: (items: T[]) => void) {
  const rows = signal<T[]>([]);
  const nextCursor = signal<string | null>(null);
  const state = signal<'loading' | 'ready' | 'failed'>('loading');
  const error = signal<string | null>(null);
  const moreBusy = signal(false);
  let generation = 0;

  async function load(orgId: string, cursor?: string) {
    const mine = cursor ? generation : ++generation;
    if (cursor) moreBusy.value = true;
    else state.value = 'loading';
    error.value = null;
    try {
      const page = await fetchPage(orgId, cursor);
      if (mine !== generation) return;
      rows.value = cursor ? [...rows.peek(), ...page.items] : page.items;
      onPage?.(page.items);
      nextCursor.value = page.nextCursor;
      state.value = 'ready';
    } catch (e) {
      if (mine !== generation) return;
      error.value = messageFor(e);
      if (!cursor) state.value = 'failed';
    } finally {
      moreBusy.value = false;
    }
  }

  /** The next page, unless there is none or it is on its way already. */
  function loadMore(orgId: string) {
    const cursor = nextCursor.peek();
    if (!cursor || moreBusy.peek()) return Promise.resolve();
    return load(orgId, cursor);
  }

  return { rows, nextCursor, state, error, moreBusy, load, loadMore };
}
