import { useLayoutEffect } from 'preact/hooks';
import { switchAccount } from '../../auth/session.ts';
import { Facts } from '../../components/facts.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { AccountButtons, SignedInAnswer } from '../../components/signed-in-answer.tsx';
import { Notice } from '../../components/status.tsx';
import { TokenLanding } from '../../components/token-landing.tsx';
import { Link } from '../../router.tsx';
import { t } from '../../strings.ts';
import { m } from '../../strings-member.ts';
import { type JoinPreview, join, joinError, joining, loadPreview, type Outcome, phase } from './state.ts';

const w = m.joinLink;

/** /join?token=…: where a join link an admin shared lands. */
export default function JoinPage() {
  useLayoutEffect(() => void loadPreview(), []);
  return <TokenLanding phase={phase.value} s={w} onRetry={loadPreview} error={joinError.value} Preview={JoinLink} Outcome={OutcomeView} />;
}

function JoinLink({ preview }: { preview: JoinPreview }) {
  return (
    <>
      <PageHeading title={w.title}>{w.invitedTo(preview.orgName)}</PageHeading>
      <Facts
        facts={[
          [w.role, t.role(preview.role)],
          [w.expires, <time dateTime={preview.expiresAt}>{t.dateTime(preview.expiresAt)}</time>],
        ]}
      />
      {preview.requireApproval && <p>{w.needsApproval}</p>}
      <JoinButtons preview={preview} />
    </>
  );
}

function JoinButtons(props: { preview: JoinPreview }) {
  const label = props.preview.requireApproval ? w.askToJoin : w.join;
  return (
    <SignedInAnswer path="/join" signIn={[w.signInTo(label)]}>
      <div class="actions">
        <button type="button" class="primary" disabled={joining.value} onClick={() => void join()}>
          {joining.value ? w.joining : label}
        </button>
      </div>
    </SignedInAnswer>
  );
}

function OutcomeView(props: { outcome: Outcome; preview?: JoinPreview | undefined }) {
  const o = w.outcomes[props.outcome];
  const org = props.preview?.orgName ?? '';
  const body = typeof o.body === 'string' ? o.body : o.body(org);
  return (
    <>
      <PageHeading title={o.title} />
      {props.outcome === 'requested' ? <Notice>{body}</Notice> : <p>{body}</p>}
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
      {props.outcome === 'email_not_verified' && <AccountButtons labels={[w.signInAgain]} onClick={() => void switchAccount('/join')} />}
    </>
  );
}
