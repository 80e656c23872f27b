import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { PageHeading } from '../components/page-heading.tsx';
import { RequireSignIn } from '../components/require-sign-in.tsx';
import { ErrorMessage, Loading } from '../components/status.tsx';
import { Link, navigate } from '../router.tsx';
import { c } from '../strings-console.ts';
import { m } from '../strings-member.ts';
import { adminOrgs, context, contextError, loadContext, org } from './context.ts';
import './console.css';

export type Tab = 'members' | 'invitations' | 'teams' | 'settings' | 'audit';
const tabs: Tab[] = ['members', 'invitations', 'teams', 'settings', 'audit'];

/** Every console page: signed in, an admin of the org, its name, the console's tabs. */
export function ConsoleFrame(props: { orgId: string; tab: Tab; children: () => ComponentChildren }) {
  return (
    <RequireSignIn>
      <Frame {...props} />
    </RequireSignIn>
  );
}

function Frame(props: { orgId: string; tab: Tab; children: () => ComponentChildren }) {
  useEffect(() => void loadContext(props.orgId), [props.orgId]);
  const o = org.value;
  const state = context.value;
  if (state === 'loading' || (o && o.orgId !== props.orgId && state !== 'not-found')) return <Loading />;
  if (state !== 'ready' || !o) {
    return (
      <section>
        <PageHeading title={c.tabs[props.tab]}>{c.tabs[props.tab]}</PageHeading>
        {state === 'failed' ? (
          <ErrorMessage onRetry={() => void loadContext(props.orgId, true)}>{contextError.value}</ErrorMessage>
        ) : (
          <ErrorMessage>{state === 'not-admin' ? c.notAdmin : m.org.notFound}</ErrorMessage>
        )}
        <p><Link href="/organizations">{m.org.backToOrganizations}</Link></p>
      </section>
    );
  }
  const base = `/admin/${encodeURIComponent(o.orgId)}`;
  return (
    <section class="console">
      <div class="head-actions">
        <p class="crumb"><Link href={`/orgs/${encodeURIComponent(o.orgId)}`}>{o.name}</Link></p>
        {adminOrgs.value.length > 1 && (
          <div class="field switcher">
            <label for="org-switch">{c.switchOrg}</label>
            <select id="org-switch" value={o.orgId} onChange={(e) => navigate(`/admin/${encodeURIComponent(e.currentTarget.value)}/${props.tab}`)}>
              {adminOrgs.value.map((x) => <option key={x.orgId} value={x.orgId}>{x.name}</option>)}
            </select>
          </div>
        )}
      </div>
      <PageHeading title={`${c.tabs[props.tab]} · ${o.name}`}>{c.tabs[props.tab]}</PageHeading>
      <nav aria-label={c.tabs.label} class="tabs">
        <ul>
          {tabs.map((tab) => (
            <li key={tab}>
              <Link href={`${base}/${tab}`} aria-current={tab === props.tab ? 'page' : undefined}>{c.tabs[tab]}</Link>
            </li>
          ))}
        </ul>
      </nav>
      {props.children()}
    </section>
  );
}
