import { useEffect } from 'preact/hooks';
import { Empty } from '../../common/empty.tsx';
import { RequireSignIn } from '../../common/require-sign-in.tsx';
import { takeFlash } from '../../common/take-flash.ts';
import { ConfirmDialog } from '../../components/confirm-dialog.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { ErrorMessage, Loading, Notice } from '../../components/status.tsx';
import { m } from '../../strings-member.ts';
import { CreateOrg } from './create-org.tsx';
import { JoinableOrgs } from './joinable-orgs.tsx';
import { OrgRow } from './org-row.tsx';
import { leave, leaveBusy, leaveError, leaving, loadError, loadJoinable, loadOrgs, notice, orgs } from './state.ts';

/** The organizations I belong to, with my role and status; open (switch to) one, or leave it. */
export default function OrganizationsPage() {
  return (
    <RequireSignIn>
      <Organizations />
    </RequireSignIn>
  );
}

function Organizations() {
  useEffect(() => {
    // a page that sent the person here may say why (an org the admin just deleted)
    notice.value = takeFlash();
    void loadOrgs();
    void loadJoinable();
  }, []);
  const list = orgs.value;
  const org = leaving.value;
  return (
    <section>
      <PageHeading title={m.organizations.title} />
      {notice.value && <Notice>{notice.value}</Notice>}
      {loadError.value ? (
        <ErrorMessage onRetry={() => void loadOrgs()}>{loadError.value}</ErrorMessage>
      ) : !list ? (
        <Loading />
      ) : list.length === 0 ? (
        <Empty>{m.organizations.empty}</Empty>
      ) : (
        <ul class="cards">
          {list.map((o) => (
            <OrgRow key={o.orgId} org={o} />
          ))}
        </ul>
      )}
      <JoinableOrgs />
      {list && <CreateOrg />}
      <ConfirmDialog
        open={org !== null}
        title={org ? m.organizations.confirmLeaveTitle(org.name) : ''}
        confirmLabel={m.organizations.confirmLeaveButton}
        busy={leaveBusy.value}
        danger
        onConfirm={() => void leave()}
        onCancel={() => {
          leaving.value = null;
          leaveError.value = null;
        }}
      >
        <p>{m.organizations.confirmLeave}</p>
        {leaveError.value && <ErrorMessage>{leaveError.value}</ErrorMessage>}
      </ConfirmDialog>
    </section>
  );
}
