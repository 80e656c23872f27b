import type { ComponentChildren } from 'preact';
import { sessionReady, signIn, switchAccount, user } from '../auth/session.ts';
import { t } from '../strings.ts';

/**
 * The buttons that first change who is signed in (sign in, switch account), all doing `onClick`: the
 * first is the primary one.
 */
export function AccountButtons(props: { labels: string[]; onClick: () => void }) {
  return (
    <div class="actions">
      {props.labels.map((label, i) => (
        <button type="button" class={i ? 'secondary' : 'primary'} onClick={props.onClick}>
          {label}
        </button>
      ))}
    </div>
  );
}

/**
 * The answer on a page opened from a link (an invitation's /accept, a join link's /join), which a
 * person answers as someone: nothing until the stored session is read; signed out, each of `signIn`'s
 * buttons signs in first (coming back to `path`); signed in, who answers, with a switch to another
 * account, and the page's own buttons.
 */
export function SignedInAnswer(props: { path: string; signIn: string[]; children: ComponentChildren }) {
  const u = user.value;
  if (!sessionReady.value) return null;
  if (!u) return <AccountButtons labels={props.signIn} onClick={() => void signIn(props.path)} />;
  return (
    <>
      <p>
        {t.accept.signedInAs(u.profile.email ?? '')}{' '}
        <button type="button" class="link" onClick={() => void switchAccount(props.path)}>
          {t.accept.notYou}
        </button>
      </p>
      {props.children}
    </>
  );
}
