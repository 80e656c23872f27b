import { signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { takeFlash } from '../../components/flash.ts';
import { PageHeading } from '../../components/page-heading.tsx';
import { RequireSignIn } from '../../components/require-sign-in.tsx';
import { ErrorMessage, Loading, Notice } from '../../components/status.tsx';
import { Link } from '../../router.tsx';
import { t } from '../../strings.ts';
import { CURRENT_ORG } from '../organizations/state.ts';
import { MemberTable } from './member-table.tsx';
import { error, loadOrg, myRole, org, state } from './state.ts';
import { TeamList } from './team-list.tsx';

const arrivedWith = signal<string | null>(null);

export default function OrgPage(props: { params: Record<string, string> }) {
  return <RequireSignIn><OrgHome orgId={props.params.orgId ?? ''} /></RequireSignIn>;
}

function OrgHome(props: { orgId: string }) {
  useEffect(() => {
    arrivedWith.value = takeFlash();
    sessionStorage.setItem(CURRENT_ORG, props.orgId);
    void loadOrg(props.orgId);
  }, [props.orgId]);
  const o = org.value;
  if (state.value === 'loading' || (state.value === 'ready' && o?.orgId !== props.orgId)) return <Loading />;
  if (state.value === 'not-found' || !o) {
    return (
      <section>
        <PageHeading title={t.organizations.title}>{t.organizations.title}</PageHeading>
        {state.value === 'failed' ? <ErrorMessage onRetry={() => void loadOrg(props.orgId)}>{error.value}</ErrorMessage> : <ErrorMessage>{t.org.notFound}</ErrorMessage>}
        <p><Link href="/organizations">{t.org.backToOrganizations}</Link></p>
      </section>
    );
  }
  return (
    <section>
      {arrivedWith.value && <Notice>{arrivedWith.value}</Notice>}
      <PageHeading title={o.name}>{o.name}</PageHeading>
      <dl class="facts inline">
        {myRole.value && <div><dt>{t.org.myRole}</dt><dd>{t.role(myRole.value)}</dd></div>}
        <div><dt>{t.org.members}</dt><dd>{t.org.memberCount(o.counts.members)}</dd></div>
      </dl>
      <TeamList />
      <MemberTable orgId={o.orgId} />
      {error.value && <ErrorMessage>{error.value}</ErrorMessage>}
      <p><Link href="/organizations">{t.org.backToOrganizations}</Link></p>
    </section>
  );
}
