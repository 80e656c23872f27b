import type { SignoutRedirectArgs, UserManagerSettings } from 'oidc-client-ts';
import { CALLBACK_PATH, SIGNED_OUT_PATH, type WebConfig } from '../../hosting.ts';

/*
 * What the app tells oidc-client-ts, apart from where it keeps its state (the caller's storage): plain
 * data, so test/unit/oidc-sign-out.test.ts can build the same requests the app sends without a browser.
 */

/** The authorization code flow with PKCE against `config.oidc`, coming back to `origin`. */
export function managerSettings(config: WebConfig, origin: string): Omit<UserManagerSettings, 'userStore' | 'stateStore'> {
  return {
    authority: config.oidc.authority,
    client_id: config.oidc.clientId,
    redirect_uri: `${origin}${CALLBACK_PATH}`,
    response_type: 'code',
    scope: config.oidc.scopes,
    automaticSilentRenew: true,
    // Cognito's ID token already carries the claims; no userinfo call, no session iframe
    loadUserInfo: false,
    monitorSession: false,
    // Cognito's discovery document lists no end_session_endpoint: config.json names its /logout
    ...(config.oidc.logoutUrl ? { metadataSeed: { end_session_endpoint: config.oidc.logoutUrl } } : {}),
  };
}

/**
 * The sign-out at the provider, back to SIGNED_OUT_PATH. A standard provider (the local one) reads
 * `post_logout_redirect_uri`. Cognito's `/logout` wants `client_id` and `logout_uri` (one of the app
 * client's sign-out URLs, which the web stack registers as origin + SIGNED_OUT_PATH) instead; it gets
 * no `post_logout_redirect_uri`, with which oidc-client-ts would add a second `client_id` of its own
 * when there is no ID token to send as `id_token_hint`.
 */
export function signOutArgs(config: WebConfig, origin: string): SignoutRedirectArgs {
  const back = `${origin}${SIGNED_OUT_PATH}`;
  if (config.oidc.logoutUrl) return { extraQueryParams: { client_id: config.oidc.clientId, logout_uri: back } };
  return { post_logout_redirect_uri: back };
}
