import type { ComponentChildren, ComponentType } from 'preact';
import { useLayoutEffect } from 'preact/hooks';
import { RequireSignIn } from '../common/require-sign-in.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { ErrorMessage, Loading } from '../components/status.tsx';
import { Link, navigate } from '../router.tsx';
import { c } from '../strings-console.ts';
import { m } from '../strings-member.ts';
import { adminOrgs, context, contextError, loadContext, org } from './context.ts';
import { SelectField } from './fields.tsx';
import './console.css';

export type Tab = 'members' | 'invitations' | 'join-links' | 'teams' | 'settings' | 'audit';
const tabs: Tab[] = ['members', 'invitations', 'join-links', 'teams', 'settings', 'audit'];

interface FrameProps {
  orgId: string;
  tab: Tab;
  /**
   * Starts what the page shows first (its list), beside the context's calls rather than after them:
   * the org id is in the address, and the list does not need the context's answer. Whatever it
   * answers, the page is only shown once the context says this person administers the org, so a
   * non-admin, a suspended admin or an unknown org still get the frame's explanation and no rows.
   */
  open?: ((orgId: string) => void) | undefined;
  children: () => ComponentChildren;
}

/** A console page's route component: the org id from the address, the frame for `tab` around `Body`. */
export function consolePage(tab: Tab, Body: ComponentType<{ orgId: string }>, open?: (orgId: string) => void) {
  return function ConsolePage(props: { params: Record<string, string> }) {
    const orgId = props.params.orgId ?? '';
    return (
      <ConsoleFrame orgId={orgId} tab={tab} open={open}>
        {() => <Body orgId={orgId} />}
      </ConsoleFrame>
    );
  };
}

/** Every console page: signed in, an admin of the org, its name, the console's tabs. */
export function ConsoleFrame(props: FrameProps) {
  return (
    <RequireSignIn>
      <Frame {...props} />
    </RequireSignIn>
  );
}

function Frame(props: FrameProps) {
  // a layout effect, not useEffect: the requests start as the frame is first drawn, not a frame later
  useLayoutEffect(() => {
    void loadContext(props.orgId);
    props.open?.(props.orgId);
  }, [props.orgId]);
  const o = org.value;
  const state = context.value;
  if (state === 'loading' || (o && o.orgId !== props.orgId && state !== 'not-found')) return <Loading />;
  if (state !== 'ready' || !o) {
    return (
      <section>
        <PageHeading title={c.tabs[props.tab]} />
        {state === 'failed' ? (
          <ErrorMessage onRetry={() => void loadContext(props.orgId, true)}>{contextError.value}</ErrorMessage>
        ) : (
          <ErrorMessage>{state === 'not-admin' ? c.notAdmin : m.org.notFound}</ErrorMessage>
        )}
        <p>
          <Link href="/organizations">{m.org.backToOrganizations}</Link>
        </p>
      </section>
    );
  }
  const base = `/admin/${encodeURIComponent(o.orgId)}`;
  return (
    <section class="console">
      <div class="head-actions">
        <p class="crumb">
          <Link href={`/orgs/${encodeURIComponent(o.orgId)}`}>{o.name}</Link>
        </p>
        {adminOrgs.value.length > 1 && (
          <SelectField
            id="org-switch"
            class="switcher"
            label={c.switchOrg}
            value={o.orgId}
            onValue={(orgId) => navigate(`/admin/${encodeURIComponent(orgId)}/${props.tab}`)}
          >
            {adminOrgs.value.map((x) => (
              <option key={x.orgId} value={x.orgId}>
                {x.name}
              </option>
            ))}
          </SelectField>
        )}
      </div>
      <PageHeading title={`${c.tabs[props.tab]} · ${o.name}`}>{c.tabs[props.tab]}</PageHeading>
      <nav aria-label={c.tabs.label} class="tabs">
        <ul>
          {tabs.map((tab) => (
            <li key={tab}>
              <Link href={`${base}/${tab}`} aria-current={tab === props.tab ? 'page' : undefined}>
                {c.tabs[tab]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {props.children()}
    </section>
  );
}
