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
