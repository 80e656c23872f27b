/**
 * How the web app is served, in one place for both hosts: the local web server (`npm start`, the
 * browser tests) and CloudFront (infra/stacks/web-stack.ts). A header that differs between the two
 * would be a bug the browser tests could not see.
 */

/** What the app reads at start-up from `/config.json`, written by whoever serves the build. */
export interface WebConfig {
  /** The API's base URL, without a trailing slash. */
  apiUrl: string;
  oidc: {
    /** The OpenID provider's issuer; its discovery document is `${authority}/.well-known/openid-configuration`. */
    authority: string;
    clientId: string;
    /** Space-separated; the ID token must carry email, email_verified and name. */
    scopes: string;
    /**
     * The provider's logout endpoint, when its discovery document lists none (Cognito's managed login:
     * `https://<domain>/logout`, which takes `client_id` and `logout_uri`). Otherwise the discovery
     * document's `end_session_endpoint` is used (the local provider).
     */
    logoutUrl?: string;
  };
}

export const WEB_SCOPES = 'openid email profile';

/** The paths the app's router answers; anything else without a file extension also gets index.html. */
export const CALLBACK_PATH = '/signin/callback';
/** Where the identity provider sends the browser back after a sign-out (registered with the provider). */
export const SIGNED_OUT_PATH = '/';

/**
 * Content-Security-Policy of every page: scripts and styles only from the app's own origin (no
 * inline script), requests only to the API and the identity provider (`connect` lists their origins,
 * e.g. `https://api.example.org`), never framed.
 */
export function contentSecurityPolicy(connect: string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ${[...new Set(connect)].join(' ')}`,
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * The headers every response of the app carries. `Referrer-Policy: no-referrer` everywhere: the
 * accept page's address holds the invitation token until the app drops it, and no request (to the
 * API, the identity provider or a link followed) may carry it away in a Referer header.
 */
export function securityHeaders(csp: string): Record<string, string> {
  return {
    'content-security-policy': csp,
    'strict-transport-security': 'max-age=63072000; includeSubDomains',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
  };
}
