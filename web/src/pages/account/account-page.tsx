import { useEffect } from 'preact/hooks';
import { RequireSignIn } from '../../common/require-sign-in.tsx';
import { Facts } from '../../components/facts.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
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
          <Facts
            facts={[
              [m.account.name, me.name ?? '—'],
              [m.account.email, me.email],
              [m.account.emailVerified, me.emailVerified ? m.account.yes : m.account.no],
              [m.account.userId, <code>{me.userId}</code>],
            ]}
          />
        )}
      </section>
      <DeleteAccount />
    </section>
  );
}
