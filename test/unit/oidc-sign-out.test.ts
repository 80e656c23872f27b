import { createServer, type Server } from 'node:http';
import { InMemoryWebStorage, OidcClient, WebStorageStateStore } from 'oidc-client-ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebConfig } from '../../web/hosting.ts';
import { managerSettings, signOutArgs } from '../../web/src/auth/oidc-settings.ts';

/*
 * The sign-out URL the app sends the browser to, built by oidc-client-ts from the app's own settings
 * (web/src/auth/oidc-settings.ts) and the provider's discovery document, served over HTTP here as each
 * provider serves it. Cognito's lists no end_session_endpoint (config.json names its /logout); the
 * local provider's does. Not run against a real Cognito domain: that needs a deployed stack.
 */
const APP = 'https://app.example.org';
const COGNITO_DOMAIN = 'https://org-inv-prod-0a1b2c.auth.eu-west-1.amazoncognito.com';

let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    const cognito = req.url === '/cognito/.well-known/openid-configuration';
    const local = req.url === '/local/.well-known/openid-configuration';
    if (!cognito && !local) return void res.writeHead(404).end();
    const issuer = `${base}${cognito ? '/cognito' : '/local'}`;
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify(
        cognito
          ? {
              issuer,
              authorization_endpoint: `${COGNITO_DOMAIN}/oauth2/authorize`,
              token_endpoint: `${COGNITO_DOMAIN}/oauth2/token`,
              userinfo_endpoint: `${COGNITO_DOMAIN}/oauth2/userInfo`,
              jwks_uri: `${issuer}/.well-known/jwks.json`,
              response_types_supported: ['code', 'token'],
              scopes_supported: ['openid', 'email', 'phone', 'profile'],
            }
          : {
              issuer,
              authorization_endpoint: `${issuer}/auth`,
              token_endpoint: `${issuer}/token`,
              jwks_uri: `${issuer}/jwks`,
              end_session_endpoint: `${issuer}/session/end`,
            },
      ),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function signOutUrl(config: WebConfig, idToken?: string): Promise<URL> {
  const client = new OidcClient({ ...managerSettings(config, APP), stateStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }) });
  const request = await client.createSignoutRequest({ ...signOutArgs(config, APP), ...(idToken ? { id_token_hint: idToken } : {}) });
  return new URL(request.url);
}

describe('signing out at the identity provider', () => {
  const cognito = (): WebConfig => ({
    apiUrl: 'https://api.example.org',
    oidc: { authority: `${base}/cognito`, clientId: '5example0clientid', scopes: 'openid email profile', logoutUrl: `${COGNITO_DOMAIN}/logout` },
  });

  it("goes to Cognito's /logout with the app client's id and a registered sign-out URL, each once", async () => {
    for (const idToken of ['header.payload.signature', undefined]) {
      const url = await signOutUrl(cognito(), idToken);
      expect(`${url.origin}${url.pathname}`).toBe(`${COGNITO_DOMAIN}/logout`);
      expect(url.searchParams.getAll('client_id')).toEqual(['5example0clientid']);
      // the web stack registers origin + SIGNED_OUT_PATH as the app client's sign-out URL (infra/stacks/web-stack.ts, logoutUrls)
      expect(url.searchParams.getAll('logout_uri')).toEqual([`${APP}/`]);
      expect(url.searchParams.has('post_logout_redirect_uri')).toBe(false);
    }
  });

  it("goes to a standard provider's end_session_endpoint with post_logout_redirect_uri and the ID token as hint", async () => {
    const config: WebConfig = {
      apiUrl: 'http://127.0.0.1:3000',
      oidc: { authority: `${base}/local`, clientId: 'org-invitations-web', scopes: 'openid email profile' },
    };
    const url = await signOutUrl(config, 'header.payload.signature');
    expect(`${url.origin}${url.pathname}`).toBe(`${base}/local/session/end`);
    expect(url.searchParams.get('post_logout_redirect_uri')).toBe(`${APP}/`);
    expect(url.searchParams.get('id_token_hint')).toBe('header.payload.signature');
    expect(url.searchParams.has('logout_uri')).toBe(false);
  });
});
