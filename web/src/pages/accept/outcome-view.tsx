import { signIn, switchAccount, user } from '../../auth/session.ts';
import { PageHeading } from '../../components/page-heading.tsx';
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
      return (
        <>
          <PageHeading title={o.wrongAccount.title} />
          <p>{o.wrongAccount.body(preview?.email ?? '', email)}</p>
          <div class="actions">
            <button type="button" class="primary" onClick={() => void switchAccount('/accept')}>
              {o.wrongAccount.switch}
            </button>
          </div>
        </>
      );
    case 'not-verified':
      return (
        <>
          <PageHeading title={o.notVerified.title} />
          <p>{o.notVerified.body(email)}</p>
          <div class="actions">
            <button type="button" class="primary" onClick={() => void switchAccount('/accept')}>
              {o.notVerified.signInAgain}
            </button>
          </div>
        </>
      );
    case 'not-found':
      return <Simple title={o.notFound.title} body={o.notFound.body} />;
  }
}

function Simple(props: { title: string; body: string }) {
  return (
    <>
      <PageHeading title={props.title} />
      <p>{props.body}</p>
    </>
  );
}

function ExpiredActions(props: { canRequest: boolean }) {
  if (renewal.value === 'sent') return <Notice>{o.expired.requested}</Notice>;
  if (renewal.value === 'already') return <Notice>{o.expired.alreadyRequested}</Notice>;
  if (!props.canRequest) return null;
  if (!user.value) {
    return (
      <div class="actions">
        <button type="button" class="primary" onClick={() => void signIn('/accept')}>
          {o.expired.signInToRequest}
        </button>
      </div>
    );
  }
  return (
    <div class="actions">
      <button type="button" class="primary" disabled={busy.value !== null} onClick={() => void requestNew()}>
        {busy.value === 'request' ? o.expired.requesting : o.expired.requestNew}
      </button>
    </div>
  );
}
