import type { ComponentChildren } from 'preact';

/** One fact: what it is, and its value. */
export type Fact = [term: string, value: ComponentChildren];

/** What a card says about one thing, as a description list (`inline`: side by side, under a heading). */
export function Facts(props: { facts: Fact[]; inline?: boolean }) {
  return (
    <dl class={props.inline ? 'facts inline' : 'facts'}>
      {props.facts.map(([term, value]) => (
        <div>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
