import { describe, expect, it } from 'vitest';
import { corsRules } from '../../functions/http/cors.ts';
import { useStack } from '../helpers/stack.ts';

/** The local stack's accept page is http://localhost:5173/accept: that origin is allowed, as ACCEPT_URL_BASE's origin is in AWS. */
const t = useStack();
const app = 'http://localhost:5173';
const preflight = (origin: string, method = 'PATCH') =>
  t.request('OPTIONS', '/orgs/o1/members/u1', {
    headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': 'authorization,content-type,idempotency-key' },
  });

describe("CORS, as API Gateway answers it with the stack's corsPreflight", () => {
  it("answers a preflight from the app's origin itself, before auth, with the allowed methods and headers", async () => {
    const res = await preflight(app);
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(app);
    expect(res.headers.get('access-control-allow-methods')?.split(',').sort()).toEqual(['DELETE', 'GET', 'PATCH', 'POST', 'PUT']);
    expect(res.headers.get('access-control-allow-headers')?.split(',')).toEqual(['authorization', 'content-type', 'idempotency-key']);
    expect(res.headers.get('access-control-max-age')).toBe('3600');
  });

  it('gives another origin no CORS headers, so its browser refuses the call', async () => {
    const res = await preflight('https://evil.example');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const get = await t.request('GET', '/health', { headers: { origin: 'https://evil.example' } });
    expect(get.status).toBe(200);
    expect(get.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lets the app read the headers a client needs, on successes and on problems', async () => {
    const ok = await t.request('GET', '/health', { headers: { origin: app } });
    expect(ok.headers.get('access-control-allow-origin')).toBe(app);
    expect(ok.headers.get('access-control-expose-headers')?.split(',')).toEqual([
      'retry-after',
      'x-request-id',
      'idempotent-replayed',
      'ratelimit',
      'ratelimit-policy',
    ]);
    expect(corsRules.exposeHeaders).toEqual(['retry-after', 'x-request-id', 'idempotent-replayed', 'ratelimit', 'ratelimit-policy']);

    const refused = await t.request('GET', '/me', { headers: { origin: app } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe(app);
    expect(refused.headers.get('x-request-id')).toBe(refused.body.requestId);
  });

  it('every answer carries the request id the logs and problem bodies use', async () => {
    const ada = await t.user('Ada');
    const res = await t.as(ada).post('/orgs', { name: 'Acme' });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
