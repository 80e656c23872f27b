import { AsyncResource } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.ts';
import { AwsScheduler } from '../../shared/adapters/scheduler/aws-scheduler.ts';
import { SesMailer } from '../../shared/adapters/ses/mailer.ts';
import { ShiftableClock } from '../../shared/adapters/system/clock.ts';
import { loadConfig } from '../../shared/config.ts';
import type { PlanLimits } from '../../shared/domain/orgs/plans.ts';
import type { SendingGuardConfig } from '../../shared/domain/orgs/sending-guard.ts';
import { createLogger } from '../../shared/logger.ts';
import { WEB_SCOPES } from '../../web/hosting.ts';
import { allowedOrigins, corsRules } from '../http/cors.ts';
import { buildBaseRuntime, installBaseRuntime } from '../runtime.ts';
import { handler as deliveryEvents } from '../workers/delivery-events.ts';
import { handler as dispatcher } from '../workers/dispatcher.ts';
import { handler as reminder } from '../workers/reminder.ts';
import { installMailer, installMetrics, installScheduler } from '../workers/worker-runtime.ts';
import { type Runtime, runtime as routeRuntime } from './deps.ts';
import { type DynamoLocal, ensureTable, startDynamoLocal } from './dynamodb-local.ts';
import { createLocalHttpServer } from './http-server.ts';
import { LocalIssuer } from './jwt.ts';
import { LocalScheduler } from './local-scheduler.ts';
import { type LocalOidc, startLocalOidc } from './oidc-provider.ts';
import { LocalPeriodicJobs, type PeriodicJobsOptions } from './periodic-jobs.ts';
import { localSchedulerEndpoint } from './scheduler-endpoint.ts';
import { type SesSendEvent, sesWithSendEvents } from './ses-events.ts';
import { type SesLocal, startSesLocal } from './ses-local.ts';
import { StreamPoller } from './stream-poller.ts';
import { startWebServer, type WebServer } from './web-server.ts';

export interface LocalStackOptions {
  /** API port; 0 picks a free one. */
  port?: number;
  host?: string;
  /** Reuse a running DynamoDB Local instead of starting one (tests share one per run). */
  dynamoEndpoint?: string;
  dataDir?: string;
  tableName?: string;
  logLevel?: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** Origins allowed to call the API from a browser besides ACCEPT_URL_BASE's (functions/http/cors.ts). */
  corsOrigins?: string[];
  /** Captures log lines (tests check that no token is ever logged). */
  logSink?: (line: string) => void;
  /**
   * Also serve the web app (the build in `distDir`) and run the local OpenID provider it signs in
   * with. The invitation emails then link to this app's /accept page and the API allows its origin.
   */
  web?: { distDir: string; port?: number; idpPort?: number };
  /** The operator's plan catalogue, as the PLANS JSON (quotas may be left out); the built-in default when unset. */
  plans?: { default: string; plans: Record<string, Partial<PlanLimits>> };
  /** SENDING_GUARD: the sender reputation guard's thresholds (tests lower the minimum number of sends). */
  sendingGuard?: Partial<SendingGuardConfig>;
  /** SEND_LEASE_MS: how long an unfinished email send's claim holds (tests of crashes shorten it). */
  sendLeaseMs?: number;
  /**
   * Run the local OpenID provider without the web app, for its backend client (client-credentials
   * tokens, docs/adr/service-principals.md). With `web` it runs anyway.
   */
  identityProvider?: boolean;
  /**
   * The deployed stack's EventBridge rules (schedule retries every 5 minutes, the deletion sweep every
   * 15): on by default at those rates; `everyMs` changes a rate, `false` turns them off (tests that call
   * the jobs themselves).
   */
  periodicJobs?: false | { everyMs?: PeriodicJobsOptions['everyMs'] };
}

export interface LocalStack {
  url: string;
  clock: ShiftableClock;
  issuer: LocalIssuer;
  runtime: Runtime;
  ses: SesLocal;
  poller: StreamPoller;
  /** One-time schedules (reminders, expiries) kept in the table and fired on `clock`. */
  scheduler: LocalScheduler;
  /** The periodic jobs' timers (null when turned off). */
  periodicJobs: LocalPeriodicJobs | null;
  /** The API server (tests wrap its requests, e.g. to scope injected faults to one request). */
  server: Server;
  /**
   * The real SDK clients the functions use: the table's (routes and dispatcher), the mailer's and the
   * scheduler's (the dispatcher's). Tests add middleware to them (test/helpers/faults.ts).
   */
  clients: { dynamodb: DynamoDBDocumentClient; ses: SESv2Client; scheduler: SchedulerClient };
  /** With `web`: the app's origin and the identity provider it signs in with. */
  web?: { url: string; issuer: string; clientId: string };
  /** With `web` or `identityProvider`: the local OpenID provider, and its backend client's credentials. */
  identityProvider?: { issuer: string; tokenEndpoint: string; serviceClient: LocalOidc['serviceClient'] };
  /** SES's Send events (on by default, as the deployed configuration set publishes them); tests may turn them off. */
  sesEvents: { publish: boolean };
  /** Waits until the stream dispatcher has handled everything written so far. */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

const TokenRequest = z.strictObject({
  email: z.string().check(z.minLength(3), z.maxLength(254)),
  name: z.exactOptional(z.string().check(z.maxLength(200))),
  emailVerified: z.exactOptional(z.boolean()),
  /** OIDC's `zoneinfo` claim, as an identity provider with the person's time zone would issue it. */
  zoneinfo: z.exactOptional(z.string().check(z.maxLength(100))),
});
const ClockRequest = z.strictObject({ offsetSeconds: z.number().check(z.gte(-10 * 365 * 86_400), z.lte(10 * 365 * 86_400)) });

/**
 * The whole system on one machine: DynamoDB Local, local SES, the API (real handlers behind the
 * real route table), the stream dispatcher, and the local-only helper routes under /_local.
 */
export async function startLocalStack(opts: LocalStackOptions = {}): Promise<LocalStack> {
  const dynamo: DynamoLocal | null = opts.dynamoEndpoint ? null : await startDynamoLocal({ ...(opts.dataDir ? { dataDir: opts.dataDir } : {}) });
  const dynamoEndpoint = opts.dynamoEndpoint ?? (dynamo as DynamoLocal).endpoint;
  const ses = await startSesLocal();
  const tableName = opts.tableName ?? 'org-invitations-local';
  await ensureTable(dynamoEndpoint, tableName);

  const host = opts.host ?? '127.0.0.1';
  // the app and its identity provider first: the API's config needs the app's address
  let web: WebServer | undefined;
  let oidc: LocalOidc | undefined;
  if (opts.web) {
    web = await startWebServer({ distDir: opts.web.distDir, host, ...(opts.web.port !== undefined ? { port: opts.web.port } : {}) });
    oidc = await startLocalOidc({ host, appOrigin: web.origin, ...(opts.web.idpPort !== undefined ? { port: opts.web.idpPort } : {}) });
  } else if (opts.identityProvider) {
    // no app to redirect to: its web client is never used, only the backend client
    oidc = await startLocalOidc({ host, appOrigin: 'http://localhost:5173' });
  }

  const clock = new ShiftableClock();
  const config = loadConfig({
    TABLE_NAME: tableName,
    AWS_REGION: 'us-east-1',
    DYNAMODB_ENDPOINT: dynamoEndpoint,
    SES_ENDPOINT: ses.endpoint,
    SENDER_EMAIL: 'invitations@localhost.test',
    ACCEPT_URL_BASE: web ? `${web.origin}/accept` : 'http://localhost:5173/accept',
    LINK_SECRET: randomBytes(32).toString('base64url'),
    LOG_LEVEL: opts.logLevel ?? 'warn',
    ...(opts.plans ? { PLANS: JSON.stringify(opts.plans) } : {}),
    ...(opts.sendLeaseMs ? { SEND_LEASE_MS: String(opts.sendLeaseMs) } : {}),
    ...(opts.sendingGuard ? { SENDING_GUARD: JSON.stringify(opts.sendingGuard) } : {}),
  });
  const logger = createLogger(config.LOG_LEVEL, {}, opts.logSink);
  installBaseRuntime(buildBaseRuntime(config, { clock, logger }));
  const runtime = routeRuntime();
  const scheduler = new LocalScheduler({
    table: { ...runtime.table, doc: createDocumentClient({ region: config.AWS_REGION, endpoint: dynamoEndpoint }) },
    clock,
    target: reminder,
    logger,
  });
  // The deployed adapter over a real SchedulerClient, answered in process by the local scheduler.
  const schedulerClient = new SchedulerClient({
    region: config.AWS_REGION,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    requestHandler: localSchedulerEndpoint(scheduler),
  });
  installScheduler(
    new AwsScheduler(
      {
        region: config.AWS_REGION,
        groupName: 'local',
        targetArn: 'arn:aws:lambda:local:000000000000:function:reminder',
        roleArn: 'arn:aws:iam::000000000000:role/local-scheduler',
      },
      schedulerClient,
    ),
  );
  scheduler.start();
  // SES's Send events reach the mail-event worker as SNS would deliver them: asynchronously, after the send
  const sesEventsInFlight = new Set<Promise<unknown>>();
  const sesEvents = { publish: true };
  // SNS invokes the worker on its own, not inside the call that sent the email (whose async context,
  // e.g. a test's fault scope, must not follow it)
  const snsContext = new AsyncResource('local-ses-events');
  const publishSesEvent = (event: SesSendEvent) => {
    if (!sesEvents.publish) return;
    const delivery = snsContext
      .runInAsyncScope(() => deliveryEvents({ Records: [{ Sns: { Message: JSON.stringify(event), MessageId: event.mail.messageId } }] } as never))
      .catch((error: unknown) => logger.error('ses event not recorded', { error }))
      .finally(() => sesEventsInFlight.delete(delivery));
    sesEventsInFlight.add(delivery);
  };
  const mailer = new SesMailer({
    region: config.AWS_REGION,
    from: config.SENDER_EMAIL,
    endpoint: ses.endpoint,
    requestHandler: sesWithSendEvents(publishSesEvent),
  });
  installMailer(mailer);
  installMetrics({ count: (name, value = 1) => logger.info('metric', { name, value }) });

  const poller = new StreamPoller({
    endpoint: dynamoEndpoint,
    tableName,
    handler: dispatcher,
    onFailure: async (record, error) => logger.error('stream record sent to the failure destination', { eventId: record.eventID, error }),
  });
  await poller.start();
  const periodicJobs =
    opts.periodicJobs === false
      ? null
      : new LocalPeriodicJobs({ target: reminder, logger, ...(opts.periodicJobs?.everyMs ? { everyMs: opts.periodicJobs.everyMs } : {}) });
  periodicJobs?.start();

  // schedules first: a firing writes to the table, and the dispatcher then sends what it wrote
  const settle = async () => {
    await scheduler.idle();
    await poller.idle();
    while (sesEventsInFlight.size > 0) await Promise.all([...sesEventsInFlight]);
  };
  const issuer = await LocalIssuer.create();
  if (oidc) {
    issuer.trust(oidc.issuer, oidc.clientId);
    // the backend's client-credentials tokens, addressed to the API as a resource server
    issuer.trust(oidc.issuer, oidc.serviceClient.audience);
  }
  const server: Server = createLocalHttpServer({
    issuer,
    // as the stack's corsPreflight (functions/http/cors.ts): ACCEPT_URL_BASE's origin (the web app's when it is served) and CORS_ORIGINS
    cors: {
      allowOrigins: allowedOrigins(config.ACCEPT_URL_BASE, opts.corsOrigins ?? []),
      allowMethods: [...corsRules.allowMethods],
      allowHeaders: [...corsRules.allowHeaders],
      exposeHeaders: [...corsRules.exposeHeaders],
      maxAgeSeconds: corsRules.maxAgeSeconds,
    },
    local: {
      'POST /_local/token': async (_req, body) => {
        const parsed = z.safeParse(TokenRequest, safeJson(body));
        if (!parsed.success) return { status: 400, body: { code: 'validation_failed', errors: parsed.error.issues } };
        return { status: 200, body: await issuer.issue(parsed.data) };
      },
      'GET /_local/emails': async (_req, _body, url) => {
        // ?wait=1: first let due schedules fire and the dispatcher send everything written so far
        if (url.searchParams.has('wait')) await settle();
        return { status: 200, body: { items: await ses.emails(url.searchParams.get('to') ?? undefined) } };
      },
      'POST /_local/clock': async (_req, body) => {
        const parsed = z.safeParse(ClockRequest, safeJson(body));
        if (!parsed.success) return { status: 400, body: { code: 'validation_failed', errors: parsed.error.issues } };
        clock.setOffsetSeconds(parsed.data.offsetSeconds);
        return { status: 200, body: { offsetSeconds: clock.offsetSeconds, now: clock.now().toISOString() } };
      },
      'GET /_local/clock': async () => ({ status: 200, body: { offsetSeconds: clock.offsetSeconds, now: clock.now().toISOString() } }),
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as { port: number };
  const url = `http://${host}:${port}`;
  if (web && oidc) web.configure({ apiUrl: url, oidc: { authority: oidc.issuer, clientId: oidc.clientId, scopes: WEB_SCOPES } });

  let stopped = false;
  return {
    url,
    clock,
    issuer,
    runtime,
    ses,
    poller,
    scheduler,
    periodicJobs,
    server,
    sesEvents,
    clients: { dynamodb: runtime.table.doc, ses: mailer.client, scheduler: schedulerClient },
    ...(web && oidc ? { web: { url: web.origin, issuer: oidc.issuer, clientId: oidc.clientId } } : {}),
    ...(oidc ? { identityProvider: { issuer: oidc.issuer, tokenEndpoint: `${oidc.issuer}/token`, serviceClient: oidc.serviceClient } } : {}),
    settle,
    async stop() {
      if (stopped) return;
      stopped = true;
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await web?.stop();
      await oidc?.stop();
      await periodicJobs?.stop();
      await scheduler.stop();
      await poller.stop();
      await Promise.all([...sesEventsInFlight]);
      await ses.stop();
      mailer.client.destroy();
      schedulerClient.destroy();
      runtime.table.doc.destroy();
      await dynamo?.stop();
    },
  };
}

function safeJson(body: string): unknown {
  try {
    return JSON.parse(body || '{}');
  } catch {
    return undefined;
  }
}
