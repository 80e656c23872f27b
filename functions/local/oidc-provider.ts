import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, { type Configuration, errors, type KoaContextWithOIDC } from 'oidc-provider';
import { SIGNED_OUT_PATH } from '../../web/hosting.ts';
import { scopes } from '../http/routes.ts';
import { localUserId } from './jwt.ts';
import { loginPage, logoutPage } from './oidc-login-page.ts';

export interface LocalOidcOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** The web app's origin: its callback URL is `${appOrigin}/signin/callback`. */
  appOrigin: string;
  clientId?: string;
}

export interface LocalOidc {
  issuer: string;
  clientId: string;
  /** The confidential client a backend uses for the client-credentials grant (a service principal). */
  serviceClient: { clientId: string; clientSecret: string; audience: string };
  stop(): Promise<void>;
}

export const LOCAL_WEB_CLIENT_ID = 'org-invitations-web';
/**
 * The local stand-in for a deployer's backend (Cognito: the backend app client with the
 * client-credentials flow). Fixed, so README can name them for `npm start`; local only.
 */
export const LOCAL_SERVICE_CLIENT = { clientId: 'org-invitations-backend', clientSecret: 'local-backend-secret-not-for-production' } as const;
/** The API as a resource server: its access tokens' `aud` (Cognito: the resource server's identifier). */
export const LOCAL_API_AUDIENCE = 'urn:org-invitations:api';

interface Account {
  email: string;
  name: string;
  emailVerified: boolean;
  /** OIDC's `zoneinfo`, as typed: passed on unchecked, so the API's handling of an invalid one can be tried too. */
  zoneinfo?: string;
}

/**
 * A real OpenID provider (oidc-provider, certified) for the local stack: authorization code with PKCE
 * for the web app, a login page where a person types any email and name and says whether the email is
 * verified, and an optional time zone. The ID token carries sub/email/email_verified/name (and `zoneinfo`
 * when one was given) as Cognito's does, with `aud` = the
 * client id, so the local API accepts it exactly as API Gateway's user pool authorizer would.
 * The same email always gets the same `sub` (as /_local/token gives).
 */
export async function startLocalOidc(opts: LocalOidcOptions): Promise<LocalOidc> {
  const host = opts.host ?? '127.0.0.1';
  const clientId = opts.clientId ?? LOCAL_WEB_CLIENT_ID;
  const accounts = new Map<string, Account>();
  let provider: Provider | undefined;

  const server: Server = createServer((req, res) => {
    if (!provider) return void res.writeHead(503).end();
    const p = provider;
    const path = new URL(req.url ?? '/', 'http://local').pathname;
    const m = /^\/interaction\/([\w-]+)(\/login)?$/.exec(path);
    if (m) {
      handleInteraction(p, accounts, req, res, Boolean(m[2]), opts.appOrigin).catch((error: unknown) => {
        process.stderr.write(`local OpenID provider: ${(error as Error).stack}\n`);
        if (!res.headersSent) res.writeHead(400, { 'content-type': 'text/plain' });
        res.end('This sign-in request is no longer valid. Go back to the app and sign in again.');
      });
      return;
    }
    p.callback()(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const issuer = `http://${host}:${(server.address() as { port: number }).port}`;

  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), kid: `local-${randomBytes(4).toString('hex')}`, alg: 'RS256', use: 'sig' };

  const configuration: Configuration = {
    clients: [
      {
        client_id: clientId,
        client_name: 'org-invitations (local)',
        // a browser app is a public client: no secret, PKCE instead
        token_endpoint_auth_method: 'none',
        application_type: 'web',
        redirect_uris: [`${opts.appOrigin}/signin/callback`],
        post_logout_redirect_uris: [`${opts.appOrigin}${SIGNED_OUT_PATH}`],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
      },
      {
        client_id: LOCAL_SERVICE_CLIENT.clientId,
        client_secret: LOCAL_SERVICE_CLIENT.clientSecret,
        client_name: 'A backend of the deploying product (local)',
        token_endpoint_auth_method: 'client_secret_basic',
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
      },
    ],
    // Cognito's scopes: the claims land in the ID token, which is what the API's authorizer reads
    scopes: ['openid', 'email', 'profile'],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'zoneinfo'] },
    conformIdTokenClaims: false,
    jwks: { keys: [signingKey as never] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      // a backend's token: a JWT for the API (the resource server), carrying the scopes it asked for
      // among the route table's; the API verifies it with the same keys and checks as a user's
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: async (_ctx, client, oneOf) => (client.clientId === LOCAL_SERVICE_CLIENT.clientId ? LOCAL_API_AUDIENCE : oneOf),
        getResourceServerInfo: async (_ctx, resource, client) => {
          if (resource !== LOCAL_API_AUDIENCE || client.clientId !== LOCAL_SERVICE_CLIENT.clientId) throw new errors.InvalidTarget();
          return { scope: scopes.join(' '), audience: LOCAL_API_AUDIENCE, accessTokenFormat: 'jwt', accessTokenTTL: 3600, jwt: { sign: { alg: 'RS256' } } };
        },
        useGrantedResource: async () => false,
      },
      // "Switch account" ends the provider's session too (Cognito: /logout), so it asks who signs in next
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.type = 'html';
          ctx.set(
            'content-security-policy',
            `default-src 'none'; style-src 'unsafe-inline'; form-action 'self' ${opts.appOrigin}; frame-ancestors 'none'; base-uri 'none'`,
          );
          ctx.body = logoutPage({ form, clientName: 'org-invitations' });
        },
      },
    },
    // like a Cognito app client with the refresh token grant: the app renews without a redirect
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    ttl: { IdToken: 3600, AccessToken: 3600, RefreshToken: 8 * 3600, Session: 8 * 3600, Grant: 8 * 3600, Interaction: 3600 },
    clientBasedCORS: (_ctx, origin) => origin === opts.appOrigin,
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // A first-party app: consent is implied, as with Cognito's managed login
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const { client, session, params } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const existing = session.grantIdFor(client.clientId);
      if (existing) return ctx.oidc.provider.Grant.find(existing);
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope(String(params?.scope ?? 'openid'));
      await grant.save();
      return grant;
    },
    findAccount: async (_ctx, sub) => {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        claims: async () => ({
          sub,
          email: account.email,
          email_verified: account.emailVerified,
          name: account.name,
          ...(account.zoneinfo ? { zoneinfo: account.zoneinfo } : {}),
        }),
      };
    },
    renderError: async (ctx, out) => {
      ctx.type = 'text/plain';
      ctx.body = `Sign-in failed: ${out.error}${out.error_description ? ` (${out.error_description})` : ''}. Go back to the app and sign in again.`;
    },
  };
  provider = new Provider(issuer, configuration);
  // the issuer is plain http on the loopback: nothing in between to strip https
  provider.on('server_error', (_ctx, error) => process.stderr.write(`local OpenID provider: ${error.stack}\n`));

  return {
    issuer,
    clientId,
    serviceClient: { ...LOCAL_SERVICE_CLIENT, audience: LOCAL_API_AUDIENCE },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function handleInteraction(
  provider: Provider,
  accounts: Map<string, Account>,
  req: IncomingMessage,
  res: ServerResponse,
  submitted: boolean,
  appOrigin: string,
) {
  const details = await provider.interactionDetails(req, res);
  // form-action also governs the redirects after the post: the provider's own /auth, then the app's callback
  const csp = `default-src 'none'; style-src 'unsafe-inline'; form-action 'self' ${appOrigin}; frame-ancestors 'none'; base-uri 'none'`;
  if (!submitted) {
    const html = loginPage({ action: `/interaction/${details.uid}/login`, clientName: 'org-invitations' });
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': csp,
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    });
    res.end(html);
    return;
  }
  if (req.method !== 'POST') throw new Error('the login form is posted');
  const form = new URLSearchParams(await readBody(req));
  const email = (form.get('email') ?? '').trim().toLowerCase();
  const name = (form.get('name') ?? '').trim();
  const zoneinfo = (form.get('zoneinfo') ?? '').trim();
  if (!/^[^@\s]+@[^@\s]+$/.test(email) || email.length > 254 || name.length > 200 || zoneinfo.length > 64) {
    const error = zoneinfo.length > 64 ? 'Enter a time zone of at most 64 characters, or none.' : 'Enter an email address.';
    const html = loginPage({ action: `/interaction/${details.uid}/login`, clientName: 'org-invitations', error, email, name, zoneinfo });
    res.writeHead(400, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp });
    res.end(html);
    return;
  }
  const accountId = localUserId(email);
  accounts.set(accountId, {
    email,
    name: name || email.split('@')[0]!,
    emailVerified: form.get('emailVerified') === 'on',
    ...(zoneinfo ? { zoneinfo } : {}),
  });
  await provider.interactionFinished(req, res, { login: { accountId } }, { mergeWithLastSubmission: false });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > 16_384) req.destroy(new Error('login form too large'));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
