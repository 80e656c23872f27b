import { useEffect } from 'preact/hooks';
import { PageHeading } from '../../components/page-heading.tsx';
import { RequireSignIn } from '../../components/require-sign-in.tsx';
import { ErrorMessage, Loading, Notice } from '../../components/status.tsx';
import { m } from '../../strings-member.ts';
import { DeleteAccount } from './delete-account.tsx';
import { deleted, loadError, loadProfile, profile } from './state.ts';

export default function AccountPage() {
  if (deleted.value) {
    return (
      <section>
        <PageHeading title={m.account.title} />
        <Notice>{m.account.deleted}</Notice>
      </section>
    );
  }
  return (
    <RequireSignIn>
      <Account />
    </RequireSignIn>
  );
}

function Account() {
  useEffect(() => void loadProfile(), []);
  const me = profile.value;
  return (
    <section>
      <PageHeading title={m.account.title} />
      <section aria-labelledby="profile-heading">
        <h2 id="profile-heading">{m.account.profile}</h2>
        {loadError.value ? (
          <ErrorMessage onRetry={() => void loadProfile()}>{loadError.value}</ErrorMessage>
        ) : !me ? (
          <Loading />
        ) : (
          <dl class="facts">
            <div>
              <dt>{m.account.name}</dt>
              <dd>{me.name ?? '—'}</dd>
            </div>
            <div>
              <dt>{m.account.email}</dt>
              <dd>{me.email}</dd>
            </div>
            <div>
              <dt>{m.account.emailVerified}</dt>
              <dd>{me.emailVerified ? m.account.yes : m.account.no}</dd>
            </div>
            <div>
              <dt>{m.account.userId}</dt>
              <dd>
                <code>{me.userId}</code>
              </dd>
            </div>
          </dl>
        )}
      </section>
      <DeleteAccount />
    </section>
  );
}
