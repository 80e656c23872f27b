import { HmacLinkTokens } from '../../shared/adapters/crypto/link-tokens.ts';
import { DynamoAccessScheduleRetryStore } from '../../shared/adapters/dynamodb/access-schedule-retry-store.ts';
import { Cursors } from '../../shared/adapters/dynamodb/cursors.ts';
import { DynamoInvitationStore } from '../../shared/adapters/dynamodb/invitation-store.ts';
import { DynamoMemberStore } from '../../shared/adapters/dynamodb/member-store.ts';
import { DynamoOrgDeletionStore } from '../../shared/adapters/dynamodb/org-deletion-store.ts';
import { DynamoOrgStore } from '../../shared/adapters/dynamodb/org-store.ts';
import { DynamoQuotaStore } from '../../shared/adapters/dynamodb/quota-store.ts';
import { DynamoReputationStore } from '../../shared/adapters/dynamodb/reputation-store.ts';
import { DynamoSendLedger } from '../../shared/adapters/dynamodb/send-ledger.ts';
import { AwsScheduler } from '../../shared/adapters/scheduler/aws-scheduler.ts';
import { SesMailer } from '../../shared/adapters/ses/mailer.ts';
import { PacedMailer } from '../../shared/adapters/ses/paced-mailer.ts';
import { appUrls } from '../../shared/adapters/system/app-urls.ts';
import { randomIds } from '../../shared/adapters/system/ids.ts';
import { type Config, linkSecret, planCatalogue } from '../../shared/config.ts';
import type { WorkerDeps } from '../../shared/domain/invitations/on-invitation-change.ts';
import type { CleanupDeps } from '../../shared/domain/orgs/cleanup-deleted-org.ts';
import { emfMetrics, type Metrics } from '../../shared/metrics.ts';
import type { Mailer, Scheduler } from '../../shared/ports.ts';
import { baseRuntime, perRuntime } from '../runtime.ts';

let mailer: Mailer | undefined;
let scheduler: Scheduler | undefined;
let metrics: Metrics | undefined;

/**
 * The stream dispatcher's stores: the three it reads and writes, not the routes' dozen. It signs the
 * links it emails and pages through an org's admins (renewal requests), so it needs the link secret.
 */
const stores = perRuntime(({ config, table, clock }) => {
  const secret = linkSecret(config);
  return {
    clock,
    ids: randomIds,
    links: new HmacLinkTokens(secret),
    orgs: new DynamoOrgStore(table),
    invitations: new DynamoInvitationStore(table),
    members: new DynamoMemberStore(table, new Cursors(secret)),
    sends: new DynamoSendLedger(table),
    reputation: new DynamoReputationStore(table),
    // reminders count against the org's daily invitation-email allowance
    quotas: new DynamoQuotaStore(table),
    plans: planCatalogue(config),
    sendLease: { ms: config.SEND_LEASE_MS, pollMs: Math.min(1000, Math.max(20, config.SEND_LEASE_MS / 20)) },
    urls: appUrls(config.ACCEPT_URL_BASE),
    accessScheduleRetries: new DynamoAccessScheduleRetryStore(table),
  };
});

/**
 * The dispatcher needs the mailer and the scheduler on top of its stores; only it imports the SES
 * and Scheduler clients, so API functions stay small.
 */
export function workerDeps(): WorkerDeps {
  const { config } = baseRuntime();
  mailer ??= paced(
    new SesMailer({
      region: config.AWS_REGION,
      from: config.SENDER_EMAIL,
      ...(config.SES_ENDPOINT ? { endpoint: config.SES_ENDPOINT } : {}),
      ...(config.SES_CONFIGURATION_SET ? { configurationSet: config.SES_CONFIGURATION_SET } : {}),
    }),
    config,
  );
  scheduler ??= awsScheduler(config);
  // EMF lines on stdout: CloudWatch Logs makes them metrics (the ScheduleFailures alarm reads one)
  metrics ??= emfMetrics('dispatcher');
  return { ...stores(), mailer, scheduler, metrics };
}

/** The deleted-org cleanup's ports: its store, the scheduler (its invitations' schedules) and the clock. */
export function cleanupDeps(): CleanupDeps {
  const deps = workerDeps();
  return { clock: deps.clock, scheduler: deps.scheduler, orgDeletion: orgDeletion() };
}
const orgDeletion = perRuntime(({ table }) => new DynamoOrgDeletionStore(table));

/** Within the account's SES send rate when one is configured (a deployed dispatcher always has one). */
const paced = (mailer: Mailer, config: Config): Mailer => (config.SES_MAX_SEND_RATE ? new PacedMailer(mailer, config.SES_MAX_SEND_RATE) : mailer);

function awsScheduler(config: Config): Scheduler {
  const { SCHEDULE_GROUP: groupName, REMINDER_TARGET_ARN: targetArn, SCHEDULER_ROLE_ARN: roleArn } = config;
  if (!groupName || !targetArn || !roleArn) {
    throw new Error('SCHEDULE_GROUP, REMINDER_TARGET_ARN and SCHEDULER_ROLE_ARN are required by the dispatcher');
  }
  return new AwsScheduler({
    region: config.AWS_REGION,
    groupName,
    targetArn,
    roleArn,
    ...(config.SCHEDULER_DLQ_ARN ? { deadLetterArn: config.SCHEDULER_DLQ_ARN } : {}),
  });
}

export function installMailer(m: Mailer): void {
  mailer = m;
}

/** The local stack installs its table-backed scheduler before the dispatcher first runs. */
export function installScheduler(s: Scheduler): void {
  scheduler = s;
}

/** The local stack logs metrics instead of printing EMF lines nobody collects. */
export function installMetrics(m: Metrics): void {
  metrics = m;
}
