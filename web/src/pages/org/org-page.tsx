import { signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { user } from '../../auth/session.ts';
import { RequireSignIn } from '../../common/require-sign-in.tsx';
import { takeFlash } from '../../common/take-flash.ts';
import { type Fact, Facts } from '../../components/facts.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { ErrorMessage, Loading, Notice } from '../../components/status.tsx';
import { Link } from '../../router.tsx';
import { t } from '../../strings.ts';
import { m } from '../../strings-member.ts';
import { CURRENT_ORG } from '../organizations/state.ts';
import { EmailSettingsForm } from './email-settings.tsx';
import { MemberTable } from './member-table.tsx';
import { error, loadOrg, myEmailSettings, myRole, org, state } from './state.ts';
import { TeamList } from './team-list.tsx';

const arrivedWith = signal<string | null>(null);

export default function OrgPage(props: { params: Record<string, string> }) {
  return (
    <RequireSignIn>
      <OrgHome orgId={props.params.orgId ?? ''} />
    </RequireSignIn>
  );
}

function OrgHome(props: { orgId: string }) {
  useEffect(() => {
    arrivedWith.value = takeFlash();
    sessionStorage.setItem(CURRENT_ORG, props.orgId);
    void loadOrg(props.orgId);
  }, [props.orgId]);
  const o = org.value;
  const self = user.value?.profile.sub;
  if (state.value === 'loading' || (state.value === 'ready' && o?.orgId !== props.orgId)) return <Loading />;
  if (state.value === 'not-found' || !o) {
    return (
      <section>
        <PageHeading title={m.organizations.title} />
        {state.value === 'failed' ? (
          <ErrorMessage onRetry={() => void loadOrg(props.orgId)}>{error.value}</ErrorMessage>
        ) : (
          <ErrorMessage>{m.org.notFound}</ErrorMessage>
        )}
        <p>
          <Link href="/organizations">{m.org.backToOrganizations}</Link>
        </p>
      </section>
    );
  }
  const facts: Fact[] = [[m.org.members, m.org.memberCount(o.counts.members)]];
  if (myRole.value) facts.unshift([m.org.myRole, t.role(myRole.value)]);
  return (
    <section>
      {arrivedWith.value && <Notice>{arrivedWith.value}</Notice>}
      <PageHeading title={o.name} />
      <Facts inline facts={facts} />
      {myRole.value === 'admin' && (
        <p>
          <Link href={`/admin/${encodeURIComponent(o.orgId)}/members`}>{m.org.manage}</Link>
        </p>
      )}
      <TeamList />
      <MemberTable orgId={o.orgId} />
      {error.value && <ErrorMessage>{error.value}</ErrorMessage>}
      {self && myEmailSettings.value && <EmailSettingsForm key={o.orgId} orgId={o.orgId} userId={self} settings={myEmailSettings.value} />}
      <p>
        <Link href="/organizations">{m.org.backToOrganizations}</Link>
      </p>
    </section>
  );
}
