import { useLayoutEffect } from 'preact/hooks';
import { sessionReady, signIn, switchAccount, user } from '../../auth/session.ts';
import { PageHeading } from '../../components/page-heading.tsx';
import { ErrorMessage, Notice } from '../../components/status.tsx';
import { TokenLandingStatus } from '../../components/token-landing.tsx';
import { Link } from '../../router.tsx';
import { t } from '../../strings.ts';
import { m } from '../../strings-member.ts';
import { type JoinPreview, join, joinError, joining, loadPreview, type Outcome, phase } from './state.ts';

const w = m.joinLink;

/** /join?token=…: where a join link an admin shared lands. */
export default function JoinPage() {
  useLayoutEffect(() => void loadPreview(), []);
  const p = phase.value;
  return (
    <section class="accept">
      <TokenLandingStatus phase={p} s={w} onRetry={loadPreview} />
      {p.kind === 'preview' && (
        <div class="card">
          <PageHeading title={w.title}>{w.invitedTo(p.preview.orgName)}</PageHeading>
          <dl class="facts">
            <div>
              <dt>{w.role}</dt>
              <dd>{t.role(p.preview.role)}</dd>
            </div>
            <div>
              <dt>{w.expires}</dt>
              <dd>
                <time dateTime={p.preview.expiresAt}>{t.dateTime(p.preview.expiresAt)}</time>
              </dd>
            </div>
          </dl>
          {p.preview.requireApproval && <p>{w.needsApproval}</p>}
          <JoinButtons preview={p.preview} />
        </div>
      )}
      {p.kind === 'outcome' && (
        <div class="card">
          <OutcomeView outcome={p.outcome} preview={p.preview} />
        </div>
      )}
      {joinError.value && <ErrorMessage>{joinError.value}</ErrorMessage>}
    </section>
  );
}

function JoinButtons(props: { preview: JoinPreview }) {
  const u = user.value;
  if (!sessionReady.value) return null;
  const label = props.preview.requireApproval ? w.askToJoin : w.join;
  if (!u) {
    return (
      <div class="actions">
        <button type="button" class="primary" onClick={() => void signIn('/join')}>
          {w.signInTo(label)}
        </button>
      </div>
    );
  }
  return (
    <>
      <p>
        {t.accept.signedInAs(u.profile.email ?? '')}{' '}
        <button type="button" class="link" onClick={() => void switchAccount('/join')}>
          {t.accept.notYou}
        </button>
      </p>
      <div class="actions">
        <button type="button" class="primary" disabled={joining.value} onClick={() => void join()}>
          {joining.value ? w.joining : label}
        </button>
      </div>
    </>
  );
}

function OutcomeView(props: { outcome: Outcome; preview?: JoinPreview | undefined }) {
  const o = w.outcomes[props.outcome];
  const org = props.preview?.orgName ?? '';
  return (
    <>
      <PageHeading title={o.title}>{o.title}</PageHeading>
      {props.outcome === 'requested' ? <Notice>{o.body(org)}</Notice> : <p>{o.body(org)}</p>}
      {props.outcome === 'already_member' && props.preview && (
        <p>
          <Link href={`/orgs/${encodeURIComponent(props.preview.orgId)}`}>{w.openOrg(org)}</Link>
        </p>
      )}
      {props.outcome === 'already_invited' && (
        <p>
          <Link href="/invitations">{w.myInvitations}</Link>
        </p>
      )}
      {props.outcome === 'email_not_verified' && (
        <div class="actions">
          <button type="button" class="primary" onClick={() => void switchAccount('/join')}>
            {w.signInAgain}
          </button>
        </div>
      )}
    </>
  );
}
