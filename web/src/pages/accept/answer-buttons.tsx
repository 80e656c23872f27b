import { sessionReady, signIn, switchAccount, user } from '../../auth/session.ts';
import { ConfirmDialog } from '../../components/confirm-dialog.tsx';
import { t } from '../../strings.ts';
import { accept, busy, confirmingDecline, decline, type Preview } from './state.ts';

/** Signed out: sign in to accept, or decline (which also needs to know who declines). Signed in: accept or decline. */
export function AnswerButtons(props: { preview: Preview }) {
  const u = user.value;
  if (!sessionReady.value) return null;
  if (!u) {
    return (
      <div class="actions">
        <button type="button" class="primary" onClick={() => void signIn('/accept')}>
          {t.accept.signInToAccept}
        </button>
        <button type="button" class="secondary" onClick={() => void signIn('/accept')}>
          {t.accept.decline}
        </button>
      </div>
    );
  }
  return (
    <>
      <p>
        {t.accept.signedInAs(u.profile.email ?? '')}{' '}
        <button type="button" class="link" onClick={() => void switchAccount('/accept')}>
          {t.accept.notYou}
        </button>
      </p>
      <div class="actions">
        <button type="button" class="primary" disabled={busy.value !== null} onClick={() => void accept()}>
          {busy.value === 'accept' ? t.accept.accepting : t.accept.accept}
        </button>
        <button type="button" class="secondary" disabled={busy.value !== null} onClick={() => (confirmingDecline.value = true)}>
          {t.accept.decline}
        </button>
      </div>
      <ConfirmDialog
        open={confirmingDecline.value}
        title={t.accept.confirmDeclineTitle(props.preview.orgName)}
        confirmLabel={busy.value === 'decline' ? t.accept.declining : t.accept.confirmDeclineButton}
        busy={busy.value === 'decline'}
        danger
        onConfirm={() => void decline()}
        onCancel={() => (confirmingDecline.value = false)}
      >
        <p>{t.accept.confirmDecline}</p>
      </ConfirmDialog>
    </>
  );
}
