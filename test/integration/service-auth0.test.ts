import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CryptoKey, exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberHelpers } from '../helpers/members.ts';
import { type User, useStack } from '../helpers/stack.ts';

/**
 * An external issuer's (Auth0's) client-credentials tokens over HTTP: a stand-in issuer publishes its
 * JWKS, the local API trusts it as API Gateway's authorizer would trust `oidcIssuer`, and tokens of
 * Auth0's shapes go through the real verifier and handlers. The claim rules themselves, and the forms
 * API Gateway hands claims over in, are in test/unit/service-principals.test.ts.
 */
const api = useStack();

const AUDIENCE = 'https://api.example.com/org-invitations';
let jwks: Server;
let issuer: string;
let privateKey: CryptoKey;

beforeAll(async () => {
  const pair = await generateKeyPair('ES256');
  privateKey = pair.privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
  jwks = createServer((req, res) => {
    if (req.url !== '/jwks') return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((r) => jwks.listen(0, '127.0.0.1', r));
  issuer = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}`;
  api.stack.issuer.trust(issuer, AUDIENCE);
});

afterAll(async () => {
  await new Promise((r) => jwks.close(r));
});

const sign = (claims: JWTPayload & { sub: string }) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
    .setIssuer(issuer)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(privateKey);

/** What Auth0 issues for the client-credentials grant of a Machine to Machine application. */
const m2m = (clientId: string, grants: { scope?: string; permissions?: string[] }) =>
  sign({ sub: `${clientId}@clients`, azp: clientId, gty: 'client-credentials', ...grants });

let admin: User;
let member: User;
let orgId: string;

beforeAll(async () => {
  ({ admin, orgId, member } = await memberHelpers(api).orgWithOne('member'));
}, 60_000);

describe("Auth0's client-credentials tokens", () => {
  it('are a service principal within their scope or permissions: the read answers, a write without its scope is 403', async () => {
    for (const grants of [{ scope: 'members:read' }, { scope: '', permissions: ['members:read'] }]) {
      const token = await m2m('AbC123backend', grants);
      const read = await api.as({ token }).get(`/orgs/${orgId}/members/${member.userId}`);
      expect({ grants, status: read.status, role: read.body.member?.role }).toEqual({ grants, status: 200, role: 'member' });
      const write = await api.as({ token }).patch(`/orgs/${orgId}/members/${member.userId}`, { role: 'viewer' });
      expect([write.status, write.body.code]).toEqual([403, 'insufficient_scope']);
    }
    expect((await api.as(admin).get(`/orgs/${orgId}/members/${member.userId}`)).body.member.role).toBe('member');
  });

  it('with members:write in its permissions it changes a member, and the audit log names service:<client id>', async () => {
    const token = await m2m('AbC123backend', { scope: 'members:read', permissions: ['members:write'] });
    const res = await api.as({ token }).patch(`/orgs/${orgId}/members/${member.userId}`, { role: 'viewer' });
    expect([res.status, res.body.member?.role]).toEqual([200, 'viewer']);
    const events = (await api.as(admin).get(`/orgs/${orgId}/audit?type=member.role_changed`)).body.items as unknown as { actor: unknown }[];
    expect(events.map((e) => e.actor)).toEqual([{ userId: 'service:AbC123backend', email: '' }]);
    expect((await api.as({ token }).patch(`/orgs/${orgId}/members/${member.userId}`, { role: 'member' })).status).toBe(200);
  });

  it("a user's token of the same issuer with scopes, permissions, azp and even gty stays that user: an outsider to the org", async () => {
    const forged = [
      await sign({ sub: 'auth0|64f0c0ffee', azp: 'AbC123backend', scope: 'openid members:read members:write' }),
      await sign({ sub: 'auth0|64f0c0ffee', azp: 'AbC123backend', gty: 'client-credentials', permissions: ['members:write'] }),
      await sign({ sub: 'Other@clients', azp: 'AbC123backend', gty: 'client-credentials', scope: 'members:write' }),
      await sign({ sub: 'AbC123backend@clients', azp: 'AbC123backend', gty: 'client-credentials', scope: 'members:write', email: 'mallory@example.com' }),
    ];
    for (const token of forged) {
      const res = await api.as({ token }).patch(`/orgs/${orgId}/members/${member.userId}`, { role: 'admin' });
      expect([res.status, res.body.code]).toEqual([404, 'org_not_found']);
    }
    expect((await api.as(admin).get(`/orgs/${orgId}/members/${member.userId}`)).body.member.role).toBe('member');
  });

  it('a token signed by another key, or for another audience, is 401 whatever it claims', async () => {
    const other = await generateKeyPair('ES256');
    const wrongKey = await new SignJWT({ sub: 'AbC123backend@clients', azp: 'AbC123backend', gty: 'client-credentials', scope: 'members:write' })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuer(issuer)
      .setAudience(AUDIENCE)
      .setExpirationTime('1h')
      .sign(other.privateKey);
    const wrongAudience = await new SignJWT({ sub: 'AbC123backend@clients', azp: 'AbC123backend', gty: 'client-credentials', scope: 'members:write' })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuer(issuer)
      .setAudience('https://another-api.example.com')
      .setExpirationTime('1h')
      .sign(privateKey);
    for (const token of [wrongKey, wrongAudience]) {
      const res = await api.as({ token }).patch(`/orgs/${orgId}/members/${member.userId}`, { role: 'admin' });
      expect(res.status).toBe(401);
    }
  });
});
