import { beforeEach, describe, expect, it, vi } from 'vitest';
import { handler as health } from '../../functions/http/health.ts';
import { handler as getMe } from '../../functions/http/me/get.ts';
import { routes } from '../../functions/http/routes.ts';
import { lambdaContext, makeHttpEvent } from '../../functions/local/lambda-event.ts';

const call = (h: typeof health, method: string, path: string, claims?: Record<string, unknown>) =>
  h(makeHttpEvent({ method, routePath: path, url: new URL(`http://localhost${path}`), ...(claims ? { claims } : {}) }), lambdaContext('test'));

/** `auth` is declared once, in the route table; the handlers read it from there (issue 22). */
describe("who may call a route is the route table's to say", () => {
  // every function reads its configuration at cold start; these two routes use no table
  beforeEach(() => {
    vi.stubEnv('TABLE_NAME', 'unused');
  });

  it('a public route answers without a signed-in caller', async () => {
    expect(routes.find((r) => r.id === 'Health')?.auth).toBe(false);
    expect((await call(health, 'GET', '/health')).statusCode).toBe(200);
  });

  it("a signed route refuses a call that reaches it without the authorizer's claims (401), and answers one with them", async () => {
    expect(routes.find((r) => r.id === 'GetMe')?.auth).toBe(true);
    const refused = await call(getMe, 'GET', '/me');
    expect([refused.statusCode, JSON.parse(refused.body ?? '{}').code]).toEqual([401, 'unauthenticated']);
    const answered = await call(getMe, 'GET', '/me', { sub: 'usr_1', email: 'a@example.com', email_verified: 'true' });
    expect([answered.statusCode, JSON.parse(answered.body ?? '{}').userId]).toEqual([200, 'usr_1']);
  });
});
