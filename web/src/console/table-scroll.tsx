import type { ComponentChildren } from 'preact';

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
  return (
    <TableScroll label={props.label}>
      <table aria-label={props.tableLabel ?? props.label}>
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
