import { describe, expect, it } from 'vitest';
import { actorFrom } from '../../functions/http/request.ts';
import { makeHttpEvent } from '../../functions/local/lambda-event.ts';

/**
 * What the API Gateway HTTP API JWT authorizer hands the handlers: every claim as a string (booleans
 * become "true"/"false", arrays "[a b]"). These are the claim sets of the tokens docs/deploy.md tells
 * clients to send, as they arrive in `requestContext.authorizer.jwt.claims`.
 */
const eventWith = (claims: Record<string, string>) => makeHttpEvent({ method: 'GET', routePath: '/me', url: new URL('https://api.example.com/me'), claims });

describe('claims of the tokens the deployed API accepts', () => {
  it('a Cognito ID token gives a user with a verified email', () => {
    const actor = actorFrom(
      eventWith({
        sub: '1b2c3d4e-0000-4000-8000-000000000001',
        aud: '5example0clientid',
        token_use: 'id',
        'cognito:username': '1b2c3d4e-0000-4000-8000-000000000001',
        email: 'Ann@Example.com',
        email_verified: 'true',
        name: 'Ann',
      }),
    );
    expect(actor).toEqual({ userId: '1b2c3d4e-0000-4000-8000-000000000001', email: 'ann@example.com', emailVerified: true, name: 'Ann' });
  });

  it('a Cognito access token carries no email, so its holder cannot act on an invitation sent to an address', () => {
    const actor = actorFrom(
      eventWith({ sub: 'u1', client_id: '5example0clientid', token_use: 'access', scope: 'aws.cognito.signin.user.admin', username: 'u1' }),
    );
    expect(actor).toEqual({ userId: 'u1', email: '', emailVerified: false });
  });

  it('an OIDC access token with email and email_verified claims added by the provider works like an ID token', () => {
    const actor = actorFrom(
      eventWith({ sub: 'auth0|42', aud: '[https://api.example.org https://tenant.auth0.com/userinfo]', email: 'bob@example.org', email_verified: 'true' }),
    );
    expect(actor).toMatchObject({ userId: 'auth0|42', email: 'bob@example.org', emailVerified: true });
  });

  it('an unverified address is never treated as verified', () => {
    expect(actorFrom(eventWith({ sub: 'u2', email: 'eve@example.org', email_verified: 'false' })).emailVerified).toBe(false);
  });
});
