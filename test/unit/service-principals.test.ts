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

describe('service principals (docs/adr/service-principals.md)', () => {
  beforeEach(() => {
    vi.stubEnv('TABLE_NAME', 'unused');
  });

  it('a client-credentials token is a service principal named service:<clientId>; a user access token is not', () => {
    expect(actorFrom(eventWith(cognitoService))).toEqual({
      userId: 'service:7backendclientid',
      email: '',
      emailVerified: false,
      service: { clientId: '7backendclientid' },
    });
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
