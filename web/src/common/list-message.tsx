import type { ComponentChildren } from 'preact';
import { Link } from '../router.tsx';

/** A message and the list it is about (the orgs joined, the ones that failed), said politely or as an alert. */
export function ListMessage(props: { alert?: boolean; text: string; children: ComponentChildren }) {
  return (
    <div role={props.alert ? 'alert' : 'status'} class={props.alert ? 'alert' : 'notice'}>
      <p>{props.text}</p>
      <ul>{props.children}</ul>
    </div>
  );
}

/** Each org as a list item linking to its page. */
export const orgLinks = (orgs: readonly { orgId: string; name: string }[]) =>
  orgs.map((o) => (
    <li key={o.orgId}>
      <Link href={`/orgs/${encodeURIComponent(o.orgId)}`}>{o.name}</Link>
    </li>
  ));
