import { signIn, switchAccount, user } from '../../auth/session.ts';
import { PageHeading } from '../../components/page-heading.tsx';
import { AccountButtons } from '../../components/signed-in-answer.tsx';
import { Notice } from '../../components/status.tsx';
import { Link } from '../../router.tsx';
import { t } from '../../strings.ts';
import { busy, type Outcome, type Preview, renewal, requestNew } from './state.ts';

const o = t.accept.outcomes;

/** One page per answer the API can give about an invitation, each saying what happened and what to do. */
export function OutcomeView(props: { outcome: Outcome; preview?: Preview | undefined }) {
  const { outcome, preview } = props;
  const org = preview?.orgName ?? '';
  const email = user.value?.profile.email ?? '';
  switch (outcome) {
    case 'expired':
      return (
        <>
          <PageHeading title={o.expired.title} />
          {preview && <p>{o.expired.body(org, t.dateTime(preview.expiresAt))}</p>}
          <ExpiredActions canRequest={preview?.canRequestNew ?? false} />
        </>
      );
    case 'revoked':
      return <Simple title={o.revoked.title} body={o.revoked.body(org)} />;
    case 'declined':
      return <Simple title={o.declined.title} body={o.declined.body(org)} />;
    case 'used':
      return (
        <>
          <PageHeading title={o.used.title} />
          <p>{o.used.body(org)}</p>
          <p>
            <Link href="/organizations">{o.used.goToOrganizations}</Link>
          </p>
        </>
      );
    case 'wrong-account':
      return <Simple title={o.wrongAccount.title} body={o.wrongAccount.body(preview?.email ?? '', email)} action={o.wrongAccount.switch} />;
    case 'not-verified':
      return <Simple title={o.notVerified.title} body={o.notVerified.body(email)} action={o.notVerified.signInAgain} />;
    case 'not-found':
      return <Simple title={o.notFound.title} body={o.notFound.body} />;
  }
}

/** A title and what happened; where another account would do, a button to switch to it. */
function Simple(props: { title: string; body: string; action?: string }) {
  return (
    <>
      <PageHeading title={props.title} />
      <p>{props.body}</p>
      {props.action && <AccountButtons labels={[props.action]} onClick={() => void switchAccount('/accept')} />}
    </>
  );
}

function ExpiredActions(props: { canRequest: boolean }) {
  if (renewal.value === 'sent') return <Notice>{o.expired.requested}</Notice>;
  if (renewal.value === 'already') return <Notice>{o.expired.alreadyRequested}</Notice>;
  if (!props.canRequest) return null;
  if (!user.value) {
    return <AccountButtons labels={[o.expired.signInToRequest]} onClick={() => void signIn('/accept')} />;
  }
  return (
    <div class="actions">
      <button type="button" class="primary" disabled={busy.value !== null} onClick={() => void requestNew()}>
        {busy.value === 'request' ? o.expired.requesting : o.expired.requestNew}
      </button>
    </div>
  );
}
