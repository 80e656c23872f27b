import { signal } from '@preact/signals';
import { ApiError, api, call, type Schemas } from '../../api/client.ts';
import { messageFor } from '../../api/errors.ts';
import { flash } from '../../components/flash.ts';
import { loadTokenPreview, type TokenPagePhase } from '../../components/token-landing.tsx';
import { TOKEN_KEY, takeEarlyPreview } from '../../preview-early.ts';
import { linkToken, navigate } from '../../router.tsx';
import { t } from '../../strings.ts';

export type Preview = Schemas['InvitationPreview'];
export type Outcome = 'expired' | 'revoked' | 'used' | 'declined' | 'wrong-account' | 'not-verified' | 'not-found';

export type Phase = TokenPagePhase<Preview, Outcome>;

export const phase = signal<Phase>({ kind: 'loading' });
export const busy = signal<'accept' | 'decline' | 'request' | null>(null);
export const actionError = signal<string | null>(null);
export const confirmingDecline = signal(false);
export const renewal = signal<'sent' | 'already' | null>(null);

/** Kept until the invitation is answered; read when the page loads its preview, so the link's token is taken first. */
const token = () => linkToken(TOKEN_KEY, '/accept');

const statusOutcome: Record<Preview['status'], Outcome | null> = {
  pending: null,
  expired: 'expired',
  revoked: 'revoked',
  accepted: 'used',
  declined: 'declined',
};

/** Opening the page only reads the preview: nothing is accepted until the person chooses. */
export function loadPreview() {
  actionError.value = null;
  return loadTokenPreview(
    phase,
    token(),
    async (value) => {
      // on the first load the request is already under way (preview-early.ts): the client reads its answer
      const early = takeEarlyPreview(value);
      const preview = await call(api.GET('/invitations/preview', { params: { query: { token: value } }, ...(early ? { fetch: () => early } : {}) }));
      const outcome = statusOutcome[preview.status];
      renewal.value = preview.renewalRequested ? 'already' : null;
      return outcome ? { kind: 'outcome', outcome, preview } : { kind: 'preview', preview };
    },
    (error) => (error instanceof ApiError && error.code === 'invitation_not_found' ? 'not-found' : undefined),
  );
}

const outcomeOfCode: Record<string, Outcome> = {
  email_mismatch: 'wrong-account',
  email_not_verified: 'not-verified',
  invitation_expired: 'expired',
  invitation_revoked: 'revoked',
  invitation_already_used: 'used',
  invitation_not_pending: 'used',
  invitation_declined: 'declined',
  invitation_not_found: 'not-found',
};

function previewOf(p: Phase): Preview | undefined {
  return p.kind === 'preview' || p.kind === 'outcome' ? p.preview : undefined;
}

async function answer(kind: 'accept' | 'decline', run: (token: string) => Promise<void>) {
  const value = token();
  if (!value || busy.peek()) return;
  busy.value = kind;
  actionError.value = null;
  try {
    await run(value);
  } catch (error) {
    const outcome = error instanceof ApiError && error.code ? outcomeOfCode[error.code] : undefined;
    const preview = previewOf(phase.peek());
    if (outcome) phase.value = { kind: 'outcome', outcome, preview };
    else actionError.value = messageFor(error);
  } finally {
    busy.value = null;
    confirmingDecline.value = false;
  }
}

export const accept = () =>
  answer('accept', async (value) => {
    const { org } = await call(api.POST('/invitations/accept', { body: { token: value } }));
    sessionStorage.removeItem(TOKEN_KEY);
    flash.value = t.accept.joined(org.name);
    navigate(`/orgs/${encodeURIComponent(org.orgId)}`);
  });

export const decline = () =>
  answer('decline', async (value) => {
    await call(api.POST('/invitations/decline', { body: { token: value } }));
    sessionStorage.removeItem(TOKEN_KEY);
    const preview = previewOf(phase.peek());
    phase.value = { kind: 'outcome', outcome: 'declined', preview };
  });

/** "Ask for a new invitation" on an expired link: the org's admins get an email. */
export async function requestNew() {
  const value = token();
  if (!value || busy.peek()) return;
  busy.value = 'request';
  actionError.value = null;
  try {
    await call(api.POST('/invitations/request-new', { body: { token: value } }));
    renewal.value = 'sent';
  } catch (error) {
    if (error instanceof ApiError && error.code === 'renewal_already_requested') renewal.value = 'already';
    else actionError.value = messageFor(error);
  } finally {
    busy.value = null;
  }
}
