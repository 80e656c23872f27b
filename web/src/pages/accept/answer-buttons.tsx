import { ConfirmDialog } from '../../components/confirm-dialog.tsx';
import { SignedInAnswer } from '../../components/signed-in-answer.tsx';
import { t } from '../../strings.ts';
import { accept, busy, confirmingDecline, decline, type Preview } from './state.ts';

/** Signed out: sign in to accept, or decline (which also needs to know who declines). Signed in: accept or decline. */
export function AnswerButtons(props: { preview: Preview }) {
  return (
    <SignedInAnswer path="/accept" signIn={[t.accept.signInToAccept, t.accept.decline]}>
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
    </SignedInAnswer>
  );
}
