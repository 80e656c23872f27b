import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useStack } from '../helpers/stack.ts';

const t = useStack({ web: { distDir: 'web/dist' } });

/** A browser's cookie jar for one origin, enough for the provider's interaction cookies. */
class Jar {
  private cookies = new Map<string, string>();
  take(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/** The authorization code flow with PKCE as the web app runs it, the login form filled in as a person would. */
async function signIn(person: { email: string; name: string; verified: boolean }) {
  const { issuer, clientId, url: app } = t.stack.web!;
  const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as { authorization_endpoint: string; token_endpoint: string };
  const verifier = randomBytes(32).toString('base64url');
  const redirectUri = `${app}/signin/callback`;
  const auth = new URL(discovery.authorization_endpoint);
  auth.search = new URLSearchParams({
    client_id: clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: 'openid email profile',
    state: 'st',
    nonce: 'n1',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();
  const jar = new Jar();
  const go = async (url: string, init: RequestInit = {}) => {
    const res = await fetch(new URL(url, issuer), { ...init, redirect: 'manual', headers: { ...(init.headers as object), cookie: jar.header() } });
    jar.take(res);
    return res;
  };
  let res = await go(auth.toString());
  expect(res.status).toBe(303);
  const loginUrl = res.headers.get('location')!;
  const page = await (await go(loginUrl)).text();
  expect(page).toContain('Email verified');
  const form = new URLSearchParams({ email: person.email, name: person.name, ...(person.verified ? { emailVerified: 'on' } : {}) });
  res = await go(`${loginUrl}/login`, { method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  let location = res.headers.get('location')!;
  while (!location.startsWith(redirectUri)) {
    res = await go(location);
    location = res.headers.get('location')!;
  }
  const code = new URL(location).searchParams.get('code')!;
  const tokens = await (
    await fetch(discovery.token_endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: app },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: clientId, code_verifier: verifier }),
    })
  ).json();
  return tokens as { id_token: string; access_token: string; refresh_token?: string };
}

describe('the local OpenID provider the web app signs in with', () => {
  it('issues, through code + PKCE and its login page, an ID token the API accepts with the person typed in', async () => {
    const email = `ivy.${randomBytes(3).toString('hex')}@example.com`;
    const tokens = await signIn({ email, name: 'Ivy', verified: true });
    const me = await t.as({ token: tokens.id_token }).get('/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email, name: 'Ivy' });
    expect(tokens.refresh_token).toBeTruthy();
  });

  it('gives an email the same user id as /_local/token does', async () => {
    const email = `june.${randomBytes(3).toString('hex')}@example.com`;
    const tokens = await signIn({ email, name: 'June', verified: true });
    const viaScript = await t.user('June', { email });
    const me = await t.as({ token: tokens.id_token }).get('/me');
    expect(me.body.userId).toBe(viaScript.userId);
  });

  it('passes email_verified as the person chose: an unverified address cannot accept an invitation', async () => {
    const { invitee } = await t.inviteOne('Ada', 'Una');
    const token = await t.linkTokenFor(invitee.email);
    const tokens = await signIn({ email: invitee.email, name: 'Una', verified: false });
    const res = await t.as({ token: tokens.id_token }).post('/invitations/accept', { token });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('email_not_verified');
  });

  it('refuses a code exchanged without the PKCE verifier', async () => {
    const { issuer, clientId, url: app } = t.stack.web!;
    const res = await fetch(`${issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: 'forged', redirect_uri: `${app}/signin/callback`, client_id: clientId }),
    });
    expect(res.status).toBe(400);
  });

  it('a token signed by the provider for another audience is refused by the API', async () => {
    const res = await t.request('GET', '/me', { token: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln' });
    expect(res.status).toBe(401);
  });
});

describe('CORS between the app and the API, as API Gateway answers it', () => {
  it('answers a preflight from the app origin and refuses other origins', async () => {
    const app = t.stack.web!.url;
    const ok = await fetch(`${t.stack.url}/me`, {
      method: 'OPTIONS',
      headers: { origin: app, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(app);
    expect(ok.headers.get('access-control-allow-headers')).toContain('authorization');
    const evil = await fetch(`${t.stack.url}/me`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' } });
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('the invitation email links to the local app accept page', async () => {
    const { invitee } = await t.inviteOne('Ada', 'Lin');
    const [mail] = await t.emailsTo(invitee.email);
    expect(mail!.text).toContain(`${t.stack.web!.url}/accept?token=`);
  });
});
