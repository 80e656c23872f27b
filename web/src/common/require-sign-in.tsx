import type { ComponentChildren } from 'preact';
import { sessionExpired, sessionReady, signIn, user } from '../auth/session.ts';
import { PageHeading } from '../components/page-heading.tsx';
import { Loading } from '../components/status.tsx';
import { current } from '../router.tsx';
import { t } from '../strings.ts';
import { m } from '../strings-member.ts';

/** Pages of one's own data: without a session, say why and offer to sign in (coming back here). */
export function RequireSignIn(props: { children: ComponentChildren }) {
  if (user.value) return <>{props.children}</>;
  if (!sessionReady.value) return <Loading />;
  const expired = sessionExpired.value;
  const here = current.value.path + (current.value.query.size ? `?${current.value.query}` : '');
  return (
    <section>
      <PageHeading title={expired ? m.session.expiredTitle : m.session.signInRequiredTitle} />
      <p>{expired ? m.session.expired : m.session.signInRequired}</p>
      <button type="button" class="primary" onClick={() => void signIn(here)}>
        {expired ? t.session.signInAgain : t.nav.signIn}
      </button>
    </section>
  );
}
