import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { describe, expect, it } from 'vitest';
import { walkthrough } from '../../clients/typescript/examples/walkthrough.ts';
import { ApiError, createInvitationsClient, idempotencyKey, pages, toApiError, unwrap, wasReplayed } from '../../clients/typescript/src/index.ts';
import { checkAgainstDocument } from '../helpers/contract.ts';
import { useStack } from '../helpers/stack.ts';

const t = useStack();
const ROOT = join(import.meta.dirname, '../..');

/** The global fetch, with every API response held to the document like the rest of the suite's. */
const checkedFetch: typeof fetch = async (input, init) => {
  const request = new Request(input, init);
  const res = await fetch(request);
  const url = new URL(request.url);
  checkAgainstDocument({
    method: request.method,
    path: url.pathname + url.search,
    status: res.status,
    contentType: res.headers.get('content-type'),
    text: await res.clone().text(),
    headers: res.headers,
  });
  return res;
};
const clientOf = (token?: string | (() => string)) => createInvitationsClient({ baseUrl: t.stack.url, fetch: checkedFetch, ...(token ? { token } : {}) });

describe('the TypeScript client (clients/typescript)', () => {
  it('is generated from the current document (run `npm run openapi`)', async () => {
    const doc = JSON.parse(readFileSync(join(ROOT, 'docs/openapi.json'), 'utf8'));
    const generated = astToString(await openapiTS(doc));
    const committed = readFileSync(join(ROOT, 'clients/typescript/src/schema.ts'), 'utf8');
    expect(committed.slice(committed.indexOf('export interface paths'))).toBe(generated.slice(generated.indexOf('export interface paths')));
  });

  it('the README example runs against the local stack', async () => {
    const lines: string[] = [];
    const out = await walkthrough(t.stack.url, (l) => lines.push(l));
    expect(out.members).toBe(1);
    expect(out.refusal).toBe('last_admin');
    expect(lines.join('\n')).toMatch(/replayed=true, same org=true/);
    expect(lines.join('\n')).toMatch(/pending invitations: .+ \(pending\), .+ \(pending\)/);
  });

  it('sends the bearer token, asked for before every request when it is a function', async () => {
    const ada = await t.user('Ada');
    let asked = 0;
    const api = clientOf(() => {
      asked += 1;
      return ada.token;
    });
    const me = await unwrap(api.GET('/me'));
    expect(me.email).toBe(ada.email);
    await unwrap(api.GET('/me/organizations'));
    expect(asked).toBe(2);
  });

  it('surfaces a problem+json refusal as an ApiError with its code, status and field errors', async () => {
    const anonymous = clientOf();
    const unauthenticated = await unwrap(anonymous.GET('/me')).catch((e: unknown) => e);
    expect(unauthenticated).toBeInstanceOf(ApiError);
    expect(unauthenticated).toMatchObject({ status: 401, code: 'unauthenticated' });

    const ada = await t.user('Ada');
    const api = clientOf(ada.token);
    // a body the document allows but the rules refuse: an empty name after trimming
    const invalid = (await unwrap(api.POST('/orgs', { body: { name: '   ' } })).catch((e: unknown) => e)) as ApiError;
    expect(invalid).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(invalid.fieldErrors.map((f) => f.path)).toEqual(['body.name']);
    expect(invalid.requestId).toEqual(expect.any(String));
  });

  it('maps API Gateway\'s own {"message"} answers to the same ApiError', async () => {
    const gateway = (status: number, message: string, headers: Record<string, string> = {}) =>
      toApiError(new Response(JSON.stringify({ message }), { status, headers: { 'content-type': 'application/json', ...headers } }));
    expect(await gateway(401, 'Unauthorized')).toMatchObject({ status: 401, code: 'unauthenticated', detail: 'Unauthorized', problem: null });
    expect(await gateway(404, 'Not Found')).toMatchObject({ status: 404, code: 'route_not_found' });
    expect(await gateway(429, 'Too Many Requests', { 'retry-after': '3' })).toMatchObject({ status: 429, code: 'throttled', retryAfterSeconds: 3 });
    expect(await toApiError(new Response('<html>bad gateway</html>', { status: 502 }))).toMatchObject({ status: 502, code: 'unknown' });
  });

  it("through the client, API Gateway's own 401, 404 and 429 throw the same ApiError a problem+json refusal does", async () => {
    // what a deployed stage answers before any function runs (docs/deploy.md, What API Gateway answers itself)
    const gatewayAnswers: Record<string, [number, string, Record<string, string>]> = {
      '/me': [401, 'Unauthorized', { 'www-authenticate': 'Bearer error="invalid_token"' }],
      '/orgs/nope/nothing-here': [404, 'Not Found', {}],
      '/me/organizations': [429, 'Too Many Requests', { 'retry-after': '2' }],
    };
    const gatewayFetch: typeof fetch = async (input, init) => {
      const [status, message, headers] = gatewayAnswers[new URL(new Request(input, init).url).pathname] as [number, string, Record<string, string>];
      return new Response(JSON.stringify({ message }), { status, headers: { 'content-type': 'application/json', ...headers } });
    };
    const deployed = createInvitationsClient({ baseUrl: 'https://api.example.org', fetch: gatewayFetch, token: 'expired' });
    const refusal = (call: Promise<unknown>) =>
      call.then(
        () => undefined,
        (e: unknown) => e,
      );

    const gateway401 = await refusal(deployed.GET('/me'));
    const local401 = await refusal(clientOf().GET('/me'));
    expect(gateway401).toBeInstanceOf(ApiError);
    expect(local401).toBeInstanceOf(ApiError);
    // the same status and code whoever answered; only the problem body (and its requestId) is the service's own
    expect(gateway401).toMatchObject({ status: 401, code: (local401 as ApiError).code, problem: null, detail: 'Unauthorized' });
    expect((local401 as ApiError).problem).not.toBeNull();

    const unknownRoute = await refusal(deployed.GET('/orgs/{orgId}/nothing-here' as '/orgs/{orgId}', { params: { path: { orgId: 'nope' } } }));
    expect(unknownRoute).toBeInstanceOf(ApiError);
    expect(unknownRoute).toMatchObject({ status: 404, code: 'route_not_found', requestId: null });

    const throttled = await refusal(deployed.GET('/me/organizations'));
    expect(throttled).toBeInstanceOf(ApiError);
    expect(throttled).toMatchObject({ status: 429, code: 'throttled', retryAfterSeconds: 2 });
  });

  it('replays a creating request sent again with the same Idempotency-Key', async () => {
    const ada = await t.user('Ada');
    const api = clientOf(ada.token);
    const key = idempotencyKey();
    const first = await api.POST('/orgs', { body: { name: 'Once' }, params: { header: key } });
    const second = await api.POST('/orgs', { body: { name: 'Once' }, params: { header: key } });
    expect(wasReplayed(first.response)).toBe(false);
    expect(wasReplayed(second.response)).toBe(true);
    expect(second.data?.org.orgId).toBe(first.data?.org.orgId);
    const reused = await api.POST('/orgs', { body: { name: 'Other' }, params: { header: key } }).catch((e: unknown) => e);
    expect(reused).toMatchObject({ status: 422, code: 'idempotency_key_reused' });
  });

  it('iterates a list across its cursor pages', async () => {
    const ada = await t.user('Ada');
    const api = clientOf(ada.token);
    const { org } = await unwrap(api.POST('/orgs', { body: { name: 'Paged' } }));
    for (const name of ['a', 'b', 'c']) await unwrap(api.POST('/orgs/{orgId}/teams', { params: { path: { orgId: org.orgId } }, body: { name } }));
    const requested: (string | undefined)[] = [];
    const names: string[] = [];
    for await (const team of pages((cursor) => {
      requested.push(cursor);
      return api.GET('/orgs/{orgId}/teams', { params: { path: { orgId: org.orgId }, query: { limit: 2, ...(cursor ? { cursor } : {}) } } });
    }))
      names.push(team.name);
    expect(names.sort()).toEqual(['a', 'b', 'c']);
    expect(requested).toHaveLength(2);
    expect(requested[0]).toBeUndefined();
  });
});
