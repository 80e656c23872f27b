import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, inject } from 'vitest';
import { type DynamoLocal, startDynamoLocal } from '../../functions/local/dynamodb-local.ts';
import { type LocalStack, type LocalStackOptions, startLocalStack } from '../../functions/local/stack.ts';
import { main as resumeSendingCli } from '../../scripts/resume-sending.ts';
import { main as setPlanCli } from '../../scripts/set-plan.ts';
import { checkAgainstDocument, countValidatedResponsesIn } from './contract.ts';
import { faultScopeHeaders } from './faults.ts';
import type { BodyOf } from './responses.ts';

/** The link token in an email's text, as the accept page would read it from the link. */
export const linkTokenIn = (text: string) => /[?&]token=([A-Za-z0-9_.-]+)/.exec(text)?.[1];

/** A response as a test reads it; the body's type comes from the route called (responses.ts). */
export interface Res<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export interface User {
  email: string;
  userId: string;
  token: string;
  name: string;
}

/**
 * A local stack of this test file's own: its own DynamoDB Local, local SES, API server, stream
 * dispatcher and clock. Requests go over HTTP to the real route table.
 *
 * Its own DynamoDB Local, not one shared by the run: DynamoDB Local keeps the stream records of every
 * table it ever held in one store, and its writes and stream reads slow down as they pile up, even
 * once the tables are deleted (measured: GetRecords 7 ms on a fresh one, 27 ms after 22,500 records
 * in 15 tables, still 23 ms with those tables deleted; 400 ms, and the JVM at a full core, halfway
 * through the suite). A fresh one per file costs its start, a few seconds.
 */
export function useStack(
  opts: {
    logSink?: (line: string) => void;
    web?: { distDir: string };
    plans?: LocalStackOptions['plans'];
    sendLeaseMs?: number;
    sendingGuard?: LocalStackOptions['sendingGuard'];
    /** Run the local OpenID provider, for service principals' tokens (`serviceToken`). */
    identityProvider?: boolean;
    /** The periodic jobs' timers: off unless asked for (tests run the jobs when they mean to). */
    periodicJobs?: LocalStackOptions['periodicJobs'];
  } = {},
) {
  let stack: LocalStack;
  let dynamo: DynamoLocal | undefined;
  beforeAll(async () => {
    countValidatedResponsesIn(join(inject('contractCounts'), `${process.pid}.txt`));
    dynamo = await startDynamoLocal();
    stack = await startLocalStack({
      dynamoEndpoint: dynamo.endpoint,
      tableName: `t_${randomBytes(6).toString('hex')}`,
      logLevel: opts.logSink ? 'debug' : ((process.env.TEST_LOG_LEVEL as 'error') ?? 'silent'),
      ...(opts.logSink ? { logSink: opts.logSink } : {}),
      ...(opts.web ? { web: opts.web } : {}),
      ...(opts.plans ? { plans: opts.plans } : {}),
      ...(opts.sendLeaseMs ? { sendLeaseMs: opts.sendLeaseMs } : {}),
      ...(opts.sendingGuard ? { sendingGuard: opts.sendingGuard } : {}),
      ...(opts.identityProvider ? { identityProvider: true } : {}),
      periodicJobs: opts.periodicJobs ?? false,
    });
  });
  afterAll(async () => {
    await stack?.stop();
    await dynamo?.stop();
  });

  // the body's type follows the route (responses.ts); `request<T>` names it where a test knows better (an HTML page)
  const request = async <T = never, M extends string = string, P extends string = string>(
    method: M,
    path: P,
    init: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
  ): Promise<Res<[T] extends [never] ? BodyOf<M, P> : T>> => {
    // a fault plan in scope (faults.run) follows the request into the server
    const headers: Record<string, string> = { ...init.headers, ...faultScopeHeaders() };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    let body: string | undefined;
    if (init.rawBody !== undefined) body = init.rawBody;
    else if (init.body !== undefined) {
      body = JSON.stringify(init.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(`${stack.url}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await res.text();
    // every response the suite receives is held to docs/openapi.json (test/helpers/contract.ts)
    checkAgainstDocument({ method, path, status: res.status, contentType: res.headers.get('content-type'), text, headers: res.headers });
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, body: parsed as [T] extends [never] ? BodyOf<M, P> : T, headers: res.headers };
  };

  const api = {
    get stack() {
      return stack;
    },
    request,
    /** A signed-in person; a unique address per call unless one is given. */
    async user(name = 'user', o: { email?: string; emailVerified?: boolean; zoneinfo?: string } = {}): Promise<User> {
      const email = o.email ?? `${name.toLowerCase().replace(/\W+/g, '.')}.${randomBytes(4).toString('hex')}@example.com`;
      const body = { email, name, ...(o.emailVerified === false ? { emailVerified: false } : {}), ...(o.zoneinfo ? { zoneinfo: o.zoneinfo } : {}) };
      const r = await request('POST', '/_local/token', { body });
      return { email, name, ...(r.body as { token: string; userId: string }) };
    },
    as(user: User | { token: string }) {
      return {
        get: <P extends string>(path: P, headers?: Record<string, string>) => request('GET', path, { token: user.token, ...(headers ? { headers } : {}) }),
        post: <P extends string>(path: P, body?: unknown, headers?: Record<string, string>) =>
          request('POST', path, { token: user.token, body: body ?? {}, ...(headers ? { headers } : {}) }),
        patch: <P extends string>(path: P, body?: unknown) => request('PATCH', path, { token: user.token, body: body ?? {} }),
        put: <P extends string>(path: P, body?: unknown) => request('PUT', path, { token: user.token, body: body ?? {} }),
        delete: <P extends string>(path: P, body?: unknown) => request('DELETE', path, { token: user.token, ...(body !== undefined ? { body } : {}) }),
      };
    },
    async createOrg(admin: User, body: Record<string, unknown> = {}) {
      const r = await api.as(admin).post('/orgs', { name: 'Acme', ...body });
      if (r.status !== 201) throw new Error(`createOrg: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body.org as { orgId: string; [k: string]: any };
    },
    /** With the clock back at its start: an admin (Ada), their org, and a person (Bob) not yet invited to it. */
    async orgAndInvitee() {
      await api.setClock(0);
      const admin = await api.user('Ada');
      const org = await api.createOrg(admin);
      const invitee = await api.user('Bob');
      return { admin, org, invitee };
    },
    /** An admin, their org and one person invited to it, with the invitation email already sent. */
    async inviteOne(adminName = 'Ada', inviteeName = 'Bob') {
      const admin = await api.user(adminName);
      const org = await api.createOrg(admin);
      const invitee = await api.user(inviteeName);
      const res = await api.invite(admin, org.orgId, { emails: invitee.email });
      const invitationId = res.body.results[0]!.invitationId as string;
      await stack.settle();
      return { admin, org, invitee, invitationId };
    },
    async invite(admin: User, orgId: string, body: Record<string, unknown>) {
      return api.as(admin).post(`/orgs/${orgId}/invitations`, body);
    },
    /** Emails sent to an address, after the stream dispatcher has caught up. */
    async emailsTo(to: string) {
      await stack.settle();
      const r = await request('GET', `/_local/emails?to=${encodeURIComponent(to)}`);
      return r.body.items as { to: string; subject: string; text: string; html: string; sentAt: string }[];
    },
    /** The token in the newest email to an address. */
    async linkTokenFor(to: string) {
      const mails = await api.emailsTo(to);
      const last = mails[mails.length - 1];
      const token = last && linkTokenIn(last.text);
      if (!token) throw new Error(`no invitation email to ${to}`);
      return token;
    },
    /** The operator's plan change (scripts/set-plan.ts, as an operator runs it), on this stack's table. */
    async setPlan(orgId: string, plan: string) {
      const { config } = stack.runtime;
      const lines: string[] = [];
      const code = await setPlanCli([orgId, plan, '--by', 'test-operator'], {
        env: { TABLE_NAME: config.TABLE_NAME, AWS_REGION: config.AWS_REGION, DYNAMODB_ENDPOINT: config.DYNAMODB_ENDPOINT, PLANS: config.PLANS },
        out: (l) => lines.push(l),
        clock: stack.clock,
      });
      if (code !== 0) throw new Error(`set-plan: ${code} ${lines.join('')}`);
      return JSON.parse(lines.join('')) as { from: string; to: string; changed: boolean };
    },
    /** The operator's resume of a paused org (scripts/resume-sending.ts, as an operator runs it). */
    async resumeSending(orgId: string) {
      const { config } = stack.runtime;
      const lines: string[] = [];
      const code = await resumeSendingCli([orgId, '--by', 'test-operator'], {
        env: { TABLE_NAME: config.TABLE_NAME, AWS_REGION: config.AWS_REGION, DYNAMODB_ENDPOINT: config.DYNAMODB_ENDPOINT },
        out: (l) => lines.push(l),
        clock: stack.clock,
      });
      return { code, result: JSON.parse(lines.join('')) as { orgId: string; resumed?: boolean; requeued?: number; error?: string } };
    },
    /**
     * A service principal's token, from the local OpenID provider's client-credentials grant, as a
     * backend gets it (`scope` lists what it asks for; the provider keeps those its client may have).
     */
    async serviceToken(scopes: readonly string[]): Promise<{ token: string; clientId: string; scope: string | undefined }> {
      const idp = stack.identityProvider;
      if (!idp) throw new Error('serviceToken needs useStack({ identityProvider: true })');
      const { clientId, clientSecret } = idp.serviceClient;
      const res = await fetch(idp.tokenEndpoint, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ grant_type: 'client_credentials', ...(scopes.length > 0 ? { scope: scopes.join(' ') } : {}) }),
      });
      const body = (await res.json()) as { access_token?: string; scope?: string; error?: string; error_description?: string };
      if (!res.ok || !body.access_token) throw new Error(`client credentials: ${res.status} ${body.error} ${body.error_description}`);
      return { token: body.access_token, clientId, scope: body.scope };
    },
    async setClock(offsetSeconds: number) {
      await request('POST', '/_local/clock', { body: { offsetSeconds } });
    },
  };
  return api;
}
