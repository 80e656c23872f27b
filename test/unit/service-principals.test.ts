import { beforeEach, describe, expect, it, vi } from 'vitest';
import { handler as getMe } from '../../functions/http/me/get.ts';
import { actorFrom, scopesOf } from '../../functions/http/request.ts';
import { routeSpecs, routes, scopes } from '../../functions/http/routes.ts';
import { lambdaContext, makeHttpEvent } from '../../functions/local/lambda-event.ts';

const eventWith = (claims: Record<string, string>, path = '/me') =>
  makeHttpEvent({ method: 'GET', routePath: path, url: new URL(`https://api.example.com${path}`), claims });

/** A Cognito client-credentials access token's claims, as API Gateway's JWT authorizer passes them. */
const cognitoService = {
  sub: '7backendclientid',
  client_id: '7backendclientid',
  token_use: 'access',
  scope: 'org-invitations/members:read org-invitations/orgs:read',
  iss: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_x',
};

/** The actor a service principal's token makes: named service:<clientId>, with no email to act on. */
const servicePrincipal = (clientId: string) => ({ userId: `service:${clientId}`, email: '', emailVerified: false, service: { clientId } });

describe('service principals (docs/adr/service-principals.md)', () => {
  beforeEach(() => {
    vi.stubEnv('TABLE_NAME', 'unused');
  });

  it('a client-credentials token is a service principal named service:<clientId>; a user access token is not', () => {
    expect(actorFrom(eventWith(cognitoService))).toEqual(servicePrincipal('7backendclientid'));
    const user = actorFrom(eventWith({ sub: 'u1', client_id: '5webclient', token_use: 'access', scope: 'openid', username: 'u1' }));
    expect(user.service).toBeUndefined();
    expect(user.userId).toBe('u1');
    // a token whose subject is its client but that carries an email is a person's, never a service's
    expect(actorFrom(eventWith({ sub: 'c1', client_id: 'c1', email: 'a@example.com', email_verified: 'true' })).service).toBeUndefined();
  });

  it("the token's scopes are read without the resource server's prefix, from a string or API Gateway's list form", () => {
    expect(scopesOf(eventWith(cognitoService))).toEqual(['members:read', 'orgs:read']);
    expect(scopesOf(eventWith({ ...cognitoService, scope: '[a/audit:read teams:read]' }))).toEqual(['audit:read', 'teams:read']);
    expect(scopesOf(eventWith({ sub: 'u1' }))).toEqual([]);
  });

  /** An Auth0 client-credentials access token's claims (Auth0 sets `gty`, `azp` and `sub` = `<clientId>@clients`). */
  const auth0Service = {
    iss: 'https://tenant.eu.auth0.com/',
    sub: 'AbC123backend@clients',
    aud: 'https://api.example.com/org-invitations',
    azp: 'AbC123backend',
    gty: 'client-credentials',
    scope: 'members:read invitations:write',
  };

  it('an Auth0 client-credentials token is a service principal named service:<azp>', () => {
    expect(actorFrom(eventWith(auth0Service))).toEqual(servicePrincipal('AbC123backend'));
  });

  it("an Auth0 token's scopes come from `scope` and from its `permissions` list, in each form a list claim arrives in", () => {
    expect(scopesOf(eventWith(auth0Service))).toEqual(['members:read', 'invitations:write']);
    // RBAC with "add permissions in the access token": API Gateway renders the array as "[a b]"
    expect(scopesOf(eventWith({ ...auth0Service, scope: '', permissions: '[members:write orgs:read]' }))).toEqual(['members:write', 'orgs:read']);
    // the local server and makeHttpEvent hand a JSON array over as its JSON text
    expect(scopesOf(eventWith({ ...auth0Service, permissions: '["audit:read","members:read"]' }))).toEqual(['members:read', 'invitations:write', 'audit:read']);
    const raw = makeHttpEvent({ method: 'GET', routePath: '/me', url: new URL('https://api.example.com/me'), claims: {} });
    raw.requestContext.authorizer.jwt.claims = { ...auth0Service, scope: 'orgs:read', permissions: ['teams:write'] } as never;
    expect(scopesOf(raw)).toEqual(['orgs:read', 'teams:write']);
  });

  it('a user token cannot pose as a service: scopes, gty, azp or a client id alone never make one', () => {
    const attempts: Record<string, string>[] = [
      // an Auth0 user's access token: it has scopes and an azp, its subject is a user
      { iss: auth0Service.iss, sub: 'auth0|64f0c0ffee', azp: 'AbC123backend', scope: 'openid members:write orgs:write' },
      // a user's token that also carries gty client-credentials (a custom claim, or a token of another kind)
      { iss: auth0Service.iss, sub: 'auth0|64f0c0ffee', azp: 'AbC123backend', gty: 'client-credentials', scope: 'members:write' },
      // gty right but the subject is not this azp's client
      { ...auth0Service, sub: 'OtherClient@clients' },
      { ...auth0Service, sub: 'AbC123backend' },
      // the right shape, with a person's email or username added
      { ...auth0Service, email: 'mallory@example.com', email_verified: 'true' },
      { ...auth0Service, username: 'mallory' },
      // the @clients subject without the grant type
      { ...auth0Service, gty: 'password' },
      // a Cognito user's access token: a client id and scopes, but sub is the user and it has a username
      { sub: 'u-1', client_id: '7backendclientid', username: 'u-1', scope: 'org-invitations/members:write' },
      { sub: 'u-1', client_id: '7backendclientid', scope: 'org-invitations/members:write' },
      { ...cognitoService, username: '7backendclientid' },
    ];
    for (const claims of attempts) {
      const actor = actorFrom(eventWith(claims));
      expect({ claims, service: actor.service }).toEqual({ claims, service: undefined });
      expect(actor.userId).toBe(claims.sub);
    }
  });

  it('the route table gives no scope to a route that acts as a person (/me, accept, decline, join, leave) nor to a public one', () => {
    const personal = routes.filter(
      (r) => /^\/me\b|\/(accept|decline|join|leave|request-new)$|^\/memberships\//.test(r.path) || r.path.includes('/invitations/accept'),
    );
    expect(personal.map((r) => r.id)).toEqual(
      expect.arrayContaining(['GetMe', 'DeleteMe', 'AcceptInvitation', 'AcceptMyInvitation', 'JoinOrg', 'AcceptJoinLink', 'LeaveOrg']),
    );
    for (const r of personal) expect({ id: r.id, scope: routeSpecs.find((s) => s.id === r.id)?.scope }).toEqual({ id: r.id, scope: undefined });
    for (const r of routeSpecs.filter((s) => !s.auth)) expect(r.scope).toBeUndefined();
    for (const r of routeSpecs) if (r.scope) expect(scopes).toContain(r.scope);
  });

  it('a service principal calling a /me route is refused with 403 insufficient_scope, whatever it holds', async () => {
    const all = { ...cognitoService, scope: scopes.join(' ') };
    const res = await getMe(eventWith(all), lambdaContext('test'));
    expect(res.statusCode).toBe(403);
    expect(res.headers?.['content-type']).toBe('application/problem+json');
    expect(JSON.parse(res.body ?? '{}')).toMatchObject({ code: 'insufficient_scope', status: 403 });
  });
});
