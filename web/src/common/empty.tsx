import type { ComponentChildren } from 'preact';

/** What a list says when it has nothing to list. */
export function Empty(props: { children: ComponentChildren }) {
  return <p class="empty">{props.children}</p>;
}
