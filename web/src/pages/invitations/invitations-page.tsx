import { useEffect } from 'preact/hooks';
import { PageHeading } from '../../components/page-heading.tsx';
import { RequireSignIn } from '../../components/require-sign-in.tsx';
import { Empty, ErrorMessage, Loading, Notice } from '../../components/status.tsx';
import { Link } from '../../router.tsx';
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
      {joined.value.length > 0 && (
        <div role="status" class="notice">
          <p>{m.invitations.allDone(joined.value.length)}</p>
          <ul>
            {joined.value.map((j) => (
              <li key={j.orgId}>
                <Link href={`/orgs/${encodeURIComponent(j.orgId)}`}>{j.orgName}</Link>
              </li>
            ))}
          </ul>
        </div>
      )}
      {failures.value.length > 0 && (
        <div role="alert" class="alert">
          <p>{m.invitations.someFailed(failures.value.length)}</p>
          <ul>
            {failures.value.map((f) => (
              <li key={f.orgName}>
                {f.orgName}: {f.message}
              </li>
            ))}
          </ul>
        </div>
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
