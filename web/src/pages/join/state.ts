import { signal } from '@preact/signals';
import { ApiError, api, call, type Schemas } from '../../api/client.ts';
import { messageFor } from '../../api/errors.ts';
import { flash } from '../../components/flash.ts';
import { loadTokenPreview, type TokenPagePhase } from '../../components/token-landing.tsx';
import { linkToken, navigate } from '../../router.tsx';
import { m } from '../../strings-member.ts';

export type JoinPreview = Schemas['JoinLinkPreview'];

/** Why the link does not lead in, or what happened instead of joining: each says what to do next. */
export type Outcome =
  | 'revoked'
  | 'expired'
  | 'used_up'
  | 'not_found'
  | 'requested'
  | 'request_pending'
  | 'already_member'
  | 'already_invited'
  | 'member_suspended'
  | 'domain_not_allowed'
  | 'member_limit_reached'
  | 'email_not_verified';

export type Phase = TokenPagePhase<JoinPreview, Outcome>;

export const phase = signal<Phase>({ kind: 'loading' });
export const joining = signal(false);
export const joinError = signal<string | null>(null);

/** The link's token, kept in this tab (not the address bar) through the sign-in redirect, like the accept page's. */
const TOKEN_KEY = 'app.joinLinkToken';
const token = () => linkToken(TOKEN_KEY, '/join');

const outcomeOfCode: Record<string, Outcome> = {
  join_link_revoked: 'revoked',
  join_link_expired: 'expired',
  join_link_used_up: 'used_up',
  join_link_not_found: 'not_found',
  join_request_pending: 'request_pending',
  already_member: 'already_member',
  already_invited: 'already_invited',
  member_suspended: 'member_suspended',
  domain_not_allowed: 'domain_not_allowed',
  member_limit_reached: 'member_limit_reached',
  email_not_verified: 'email_not_verified',
};

const outcomeOf = (error: unknown) => (error instanceof ApiError && error.code ? outcomeOfCode[error.code] : undefined);
const previewOf = (p: Phase) => (p.kind === 'preview' || p.kind === 'outcome' ? p.preview : undefined);

/** Opening the link only reads its preview (a chat's link unfurler changes nothing); joining is a button. */
export function loadPreview() {
  joinError.value = null;
  return loadTokenPreview(
    phase,
    token(),
    async (value) => ({ kind: 'preview', preview: await call(api.GET('/join-links/preview', { params: { query: { token: value } } })) }),
    outcomeOf,
  );
}

export async function join() {
  const value = token();
  if (!value || joining.peek()) return;
  joining.value = true;
  joinError.value = null;
  const preview = previewOf(phase.peek());
  try {
    const result = await call(api.POST('/join-links/accept', { body: { token: value } }));
    sessionStorage.removeItem(TOKEN_KEY);
    if ('joinRequest' in result) {
      phase.value = { kind: 'outcome', outcome: 'requested', preview };
    } else {
      flash.value = m.joinLink.joined(result.org.name);
      navigate(`/orgs/${encodeURIComponent(result.org.orgId)}`);
    }
  } catch (error) {
    const outcome = outcomeOf(error);
    if (outcome) phase.value = { kind: 'outcome', outcome, preview };
    else joinError.value = messageFor(error);
  } finally {
    joining.value = false;
  }
}
