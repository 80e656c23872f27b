import { useEffect } from 'preact/hooks';
import { Empty } from '../../common/empty.tsx';
import { ListMessage, orgLinks } from '../../common/list-message.tsx';
import { RequireSignIn } from '../../common/require-sign-in.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { ErrorMessage, Loading, Notice } from '../../components/status.tsx';
import { m } from '../../strings-member.ts';
import { InvitationRow } from './invitation-row.tsx';
import { acceptAll, busy, failures, invitations, joined, loadError, loadInvitations, unverified } from './state.ts';

/** Pending invitations to my verified address across orgs: accept one, or all at once. */
export default function InvitationsPage() {
  return (
    <RequireSignIn>
      <Invitations />
    </RequireSignIn>
  );
}

function Invitations() {
  useEffect(() => {
    joined.value = [];
    failures.value = [];
    invitations.value = null;
    void loadInvitations();
  }, []);
  const list = invitations.value;
  return (
    <section>
      <PageHeading title={m.invitations.title} />
      <p>{m.invitations.intro}</p>
      {joined.value.length > 0 && <ListMessage text={m.invitations.allDone(joined.value.length)}>{orgLinks(joined.value)}</ListMessage>}
      {failures.value.length > 0 && (
        <ListMessage alert text={m.invitations.someFailed(failures.value.length)}>
          {failures.value.map((f) => (
            <li key={f.orgName}>
              {f.orgName}: {f.message}
            </li>
          ))}
        </ListMessage>
      )}
      {unverified.value ? (
        <Notice>{m.invitations.needsVerified}</Notice>
      ) : loadError.value ? (
        <ErrorMessage onRetry={() => void loadInvitations()}>{loadError.value}</ErrorMessage>
      ) : !list ? (
        <Loading />
      ) : list.length === 0 ? (
        <Empty>{m.invitations.empty}</Empty>
      ) : (
        <>
          {list.length > 1 && (
            <div class="actions">
              <button type="button" class="primary" disabled={busy.value !== null} onClick={() => void acceptAll()}>
                {m.invitations.acceptAll}
              </button>
            </div>
          )}
          <ul class="cards">
            {list.map((i) => (
              <InvitationRow key={i.invitationId} invitation={i} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
