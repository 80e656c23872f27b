import { signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { completeSignIn } from '../../auth/session.ts';
import { PageHeading } from '../../components/page-heading.tsx';
import { ErrorMessage, Loading } from '../../components/status.tsx';
import { Link, navigate } from '../../router.tsx';
import { t } from '../../strings.ts';

const failed = signal(false);

/** Where the identity provider sends the browser back with the authorization code. */
export default function SignInCallbackPage() {
  useEffect(() => {
    failed.value = false;
    completeSignIn().then(
      (returnTo) => navigate(returnTo, { replace: true }),
      () => (failed.value = true),
    );
  }, []);
  return (
    <section>
      <PageHeading title={t.session.signingIn} />
      {failed.value ? (
        <>
          <ErrorMessage>{t.session.callbackFailed}</ErrorMessage>
          <p>
            <Link href="/organizations">{t.notFound.home}</Link>
          </p>
        </>
      ) : (
        <Loading />
      )}
    </section>
  );
}
