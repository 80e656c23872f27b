import { decodeJwt } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { scopes } from '../../functions/http/routes.ts';
import { memberHelpers } from '../helpers/members.ts';
import type { Problem } from '../helpers/responses.ts';
import { type User, useStack } from '../helpers/stack.ts';

/**
 * A deployer's backend as a service principal (docs/adr/service-principals.md), with real tokens:
 * the local OpenID provider's client-credentials grant, verified by the API as a user's token is.
 */
const api = useStack({ identityProvider: true });

let admin: User;
let member: User;
let orgId: string;
let teamId: string;

beforeAll(async () => {
  ({ admin, orgId, member } = await memberHelpers(api).orgWithOne('viewer'));
  expect((await api.as(admin).patch(`/orgs/${orgId}`, { products: [{ key: 'docs', name: 'Docs' }] })).status).toBe(200);
  expect((await api.as(admin).patch(`/orgs/${orgId}/members/${member.userId}`, { products: ['docs'] })).status).toBe(200);
  teamId = (await api.as(admin).post(`/orgs/${orgId}/teams`, { name: 'Support' })).body.team.teamId;
  expect((await api.as(admin).put(`/orgs/${orgId}/teams/${teamId}/members/${member.userId}`)).status).toBe(204);
}, 60_000);

describe('service principals', () => {
  it('the local OpenID provider issues a client-credentials JWT: the client is the subject, with the scopes asked for among the allowed', async () => {
    const { token, clientId, scope } = await api.serviceToken(['members:read', 'not-a-scope']);
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({ sub: clientId, client_id: clientId, scope: 'members:read' });
    expect(claims.email).toBeUndefined();
    expect(scope).toBe('members:read');
  });

  it('GET /orgs/{orgId}/members/{userId} answers role, status, teams and products in one read, to a backend holding members:read', async () => {
    const { token } = await api.serviceToken(['members:read']);
    const res = await api.as({ token }).get(`/orgs/${orgId}/members/${member.userId}`);
    expect(res.status).toBe(200);
    expect(res.body.member).toMatchObject({
      orgId,
      userId: member.userId,
      email: member.email,
      role: 'viewer',
      status: 'active',
      teams: [teamId],
      products: ['docs'],
    });
    // and the list, under the same scope
    const list = await api.as({ token }).get(`/orgs/${orgId}/members`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((m: { userId: string }) => m.userId).sort()).toEqual([admin.userId, member.userId].sort());
  });

  it('the same route for an admin (a user token); a non-member is 404 member_not_found, an unknown org 404 org_not_found', async () => {
    const byAdmin = await api.as(admin).get(`/orgs/${orgId}/members/${member.userId}`);
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body.member.role).toBe('viewer');
    const outsider = await api.user('Outsider');
    const { token } = await api.serviceToken(['members:read']);
    for (const caller of [admin, { token }]) {
      const none = await api.as(caller).get(`/orgs/${orgId}/members/${outsider.userId}`);
      expect([none.status, none.body.code]).toEqual([404, 'member_not_found']);
      const noOrg = await api.as(caller).get(`/orgs/org_doesnotexist/members/${member.userId}`);
      expect([noOrg.status, noOrg.body.code]).toEqual([404, 'org_not_found']);
    }
    // an outsider learns nothing about the org
    const asOutsider = await api.as(outsider).get(`/orgs/${orgId}/members/${member.userId}`);
    expect([asOutsider.status, asOutsider.body.code]).toEqual([404, 'org_not_found']);
  });

  it('bad input: a malformed user id or org id is 400 validation_failed naming the path parameter', async () => {
    const { token } = await api.serviceToken(['members:read']);
    for (const path of [
      `/orgs/${orgId}/members/${'x'.repeat(300)}`,
      `/orgs/${orgId}/members/%ZZ`,
      `/orgs/${'o'.repeat(300)}/members/${member.userId}`,
    ] as const) {
      const res = await api.as({ token }).get(path);
      expect({ path, status: res.status, code: res.body.code }).toEqual({ path, status: 400, code: 'validation_failed' });
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    }
  });

  it('a scope missing from the token is 403 insufficient_scope, naming the scope; a scope held opens only its routes', async () => {
    const { token } = await api.serviceToken(['orgs:read']);
    expect((await api.as({ token }).get(`/orgs/${orgId}`)).status).toBe(200);
    const refused = await api.as({ token }).get(`/orgs/${orgId}/members/${member.userId}`);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'insufficient_scope', status: 403 });
    expect(refused.body.detail).toContain('members:read');
    const noScope = await api.serviceToken([]);
    expect((await api.as(noScope).get(`/orgs/${orgId}`)).body.code).toBe('insufficient_scope');
  });

  it('routes that act for a person (/me, accept, join, leave) refuse a service principal whatever it holds, and change nothing', async () => {
    const { token } = await api.serviceToken(scopes);
    const attempts: [string, string, unknown?][] = [
      ['GET', '/me'],
      ['GET', '/me/organizations'],
      ['DELETE', '/me'],
      ['POST', '/me/invitations/accept-all', {}],
      ['POST', '/invitations/accept', { token: 'A'.repeat(43) }],
      ['POST', `/orgs/${orgId}/join`, {}],
      ['POST', `/orgs/${orgId}/leave`, {}],
      ['POST', '/join-links/accept', { token: 'A'.repeat(43) }],
    ];
    for (const [method, path, body] of attempts) {
      const res = await api.request<Problem>(method, path, { token, ...(body !== undefined ? { body } : {}) });
      expect({ method, path, status: res.status, code: res.body.code }).toEqual({ method, path, status: 403, code: 'insufficient_scope' });
    }
    expect((await api.as(admin).get(`/orgs/${orgId}/members/${member.userId}`)).body.member.role).toBe('viewer');
  });

  it('a write it holds the scope for is done as an admin, and the audit log names the actor service:<clientId>', async () => {
    const { token, clientId } = await api.serviceToken(['teams:write']);
    const res = await api.as({ token }).post(`/orgs/${orgId}/teams`, { name: 'Made by the backend' });
    expect(res.status).toBe(201);
    const events = (await api.as(admin).get(`/orgs/${orgId}/audit?type=team.created`)).body.items as unknown as {
      actor: { userId: string };
      target: { teamId: string };
    }[];
    const event = events.find((e) => e.target.teamId === res.body.team.teamId);
    expect(event?.actor).toEqual({ userId: `service:${clientId}`, email: '' });
    // a deleted org is no org, for a service as for a user
    const gone = await api.as({ token }).post('/orgs/org_doesnotexist/teams', { name: 'Nowhere' });
    expect([gone.status, gone.body.code]).toEqual([404, 'org_not_found']);
  });
});
