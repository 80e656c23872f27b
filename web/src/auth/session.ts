import { signal } from '@preact/signals';
import type { User, UserManager } from 'oidc-client-ts';
import { SIGNED_OUT_PATH, type WebConfig } from '../../hosting.ts';
import { managerSettings, signOutArgs } from './oidc-settings.ts';

/** Where to come back to after the identity provider, kept in the OIDC state (not in the URL). */
interface ReturnState {
  returnTo: string;
}

export const user = signal<User | null>(null);
/** True once a session ended by itself (renewal failed): pages then offer to sign in again. */
export const sessionExpired = signal(false);
/** False until the stored session is read: pages of one's own data wait for it, the accept preview does not. */
export const sessionReady = signal(false);

let settings: WebConfig;
let managerReady: Promise<UserManager> | undefined;

/**
 * Set while this tab holds tokens. Without it there is nothing to restore, and the OIDC library (about
 * half of the app's JavaScript) is only loaded when the person chooses to sign in.
 */
const HAS_SESSION = 'app.session';

/** The OIDC client, loaded on first use. */
function manager(): Promise<UserManager> {
  managerReady ??= import('oidc-client-ts').then(({ UserManager, WebStorageStateStore }) => {
    const m = new UserManager({
      ...managerSettings(settings, location.origin),
      userStore: new WebStorageStateStore({ store: sessionStorage }),
      stateStore: new WebStorageStateStore({ store: sessionStorage }),
    });
    m.events.addUserLoaded((u) => {
      user.value = u;
      sessionExpired.value = false;
      sessionStorage.setItem(HAS_SESSION, '1');
    });
    m.events.addSilentRenewError(() => expire());
    m.events.addAccessTokenExpired(() => expire());
    return m;
  });
  return managerReady;
}

/**
 * Authorization code flow with PKCE against the configured OpenID provider (Cognito's managed login in
 * AWS, the local provider on `npm start`): the same code for both. Tokens live in sessionStorage (this
 * tab only, gone when it closes), renewed with the refresh token before they expire.
 */
export function startSession(config: WebConfig): void {
  settings = config;
  if (sessionStorage.getItem(HAS_SESSION) !== '1') {
    sessionReady.value = true;
    return;
  }
  void restore().finally(() => (sessionReady.value = true));
}

async function restore() {
  const m = await manager();
  const stored = await m.getUser();
  if (stored && !stored.expired) user.value = stored;
  else if (stored?.refresh_token) {
    try {
      user.value = await m.signinSilent();
    } catch {
      await expire();
    }
  } else await expire();
}

async function expire() {
  await (await manager()).removeUser();
  sessionStorage.removeItem(HAS_SESSION);
  user.value = null;
  sessionExpired.value = true;
}

/** The token the API's authorizer reads: the ID token carries email, email_verified and name. */
export function bearer(): string | undefined {
  return user.value?.id_token;
}

/** After a sign-out the provider is asked for a fresh login, so another account can be chosen. */
const FRESH_LOGIN = 'app.freshLogin';

export async function signIn(returnTo: string): Promise<void> {
  const fresh = sessionStorage.getItem(FRESH_LOGIN) === '1';
  await (await manager()).signinRedirect({ state: { returnTo } satisfies ReturnState, ...(fresh ? { prompt: 'login' } : {}) });
}

/** Completes the redirect from the provider; answers the path to go back to. */
export async function completeSignIn(): Promise<string> {
  const u = await (await manager()).signinRedirectCallback();
  sessionStorage.setItem(HAS_SESSION, '1');
  sessionStorage.removeItem(FRESH_LOGIN);
  user.value = u;
  sessionExpired.value = false;
  const state = u.state as ReturnState | undefined;
  return state?.returnTo?.startsWith('/') ? state.returnTo : '/organizations';
}

/** Forgets the tokens here; the next sign-in asks the provider for a fresh login. */
export async function signOut(): Promise<void> {
  await (await manager()).removeUser();
  sessionStorage.removeItem(HAS_SESSION);
  sessionStorage.setItem(FRESH_LOGIN, '1');
  user.value = null;
  sessionExpired.value = false;
}

/** Set while a sign-out at the provider is on its way back to the app, to sign in again and return here. */
const SWITCH_TO = 'app.switchTo';

/**
 * Ends the session here and at the identity provider (its end_session endpoint; Cognito's `/logout`),
 * so the provider asks who signs in next instead of answering with the same account. The provider
 * sends the browser back to SIGNED_OUT_PATH; with `then`, `resumeAfterSignOut` signs in again from there.
 */
export async function signOutEverywhere(then?: string): Promise<void> {
  const m = await manager();
  if (then) sessionStorage.setItem(SWITCH_TO, then);
  sessionStorage.removeItem(HAS_SESSION);
  sessionStorage.setItem(FRESH_LOGIN, '1');
  // oidc-client-ts adds the ID token as id_token_hint and forgets the tokens before it navigates
  await m.signoutRedirect(signOutArgs(settings, location.origin));
}

/** Sign out (here and at the provider) and straight back in, with another account, returning to `returnTo`. */
export function switchAccount(returnTo: string): Promise<void> {
  return signOutEverywhere(returnTo);
}

/** Back from the provider's sign-out during an account switch: on to its sign-in. True if it went. */
export function resumeAfterSignOut(): boolean {
  const then = sessionStorage.getItem(SWITCH_TO);
  if (then === null || location.pathname !== SIGNED_OUT_PATH) return false;
  sessionStorage.removeItem(SWITCH_TO);
  void signIn(then.startsWith('/') ? then : '/organizations');
  return true;
}
