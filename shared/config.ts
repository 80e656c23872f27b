import { Fields, isRecord, jsonSetting } from './config-fields.ts';
import type { PlanCatalogue, PlanLimits } from './domain/orgs/plans.ts';
import { defaultSendingGuard, type SendingGuardConfig } from './domain/orgs/sending-guard.ts';

const logLevels = ['debug', 'info', 'warn', 'error', 'silent'] as const;
type LogLevel = (typeof logLevels)[number];

/**
 * Every environment variable the service reads, parsed once at cold start (`loadConfig`). Nothing
 * else in the code base touches process.env, so this and the readers below are the complete list.
 */
export interface Config {
  TABLE_NAME: string;
  /** Default us-east-1. */
  AWS_REGION: string;
  /** Local stack only: DynamoDB Local and the local SES endpoint. Unset in AWS. */
  DYNAMODB_ENDPOINT?: string | undefined;
  SES_ENDPOINT?: string | undefined;
  /** Default invitations@example.com. */
  SENDER_EMAIL: string;
  /** The page that shows an invitation; the token is appended as `?token=`. Never taken from a request. */
  ACCEPT_URL_BASE: string;
  /**
   * Secret for link tokens and list cursors (>= 32 chars). Only the functions that use one of those
   * get it (routes.ts `access.linkSecret`, and the dispatcher); the others are deployed without it.
   */
  LINK_SECRET?: string | undefined;
  /** In AWS: the Secrets Manager secret holding LINK_SECRET, read once at cold start (docs/adr/aws-stack.md). */
  LINK_SECRET_ARN?: string | undefined;
  SES_CONFIGURATION_SET?: string | undefined;
  /**
   * The most emails a second the dispatcher sends (the account's SES maximum send rate: 1 in the
   * sandbox). Unset: not paced (the local stack).
   */
  SES_MAX_SEND_RATE?: number | undefined;
  /** Default 30. */
  INVITATION_RETENTION_DAYS: number;
  /** Default 400. */
  AUDIT_RETENTION_DAYS: number;
  SCHEDULE_GROUP?: string | undefined;
  REMINDER_TARGET_ARN?: string | undefined;
  SCHEDULER_ROLE_ARN?: string | undefined;
  SCHEDULER_DLQ_ARN?: string | undefined;
  EVENT_BUS_NAME?: string | undefined;
  /**
   * How long an email send claimed by an attempt that neither finished nor gave up keeps others from
   * sending it (shared/domain/notifications/send-once.ts). Longer than an SES call and than SES's
   * Send event takes to arrive; within the dispatcher's timeout (60 s). Default 20,000.
   */
  SEND_LEASE_MS: number;
  /** Default info. */
  LOG_LEVEL: LogLevel;
  /** The plan catalogue as JSON (see `defaultPlans`); CDK sets it from the `plans` context. */
  PLANS?: string | undefined;
  /** The sender reputation guard's thresholds as JSON (see `defaultSendingGuard`); CDK sets it from the `sendingGuard` context. */
  SENDING_GUARD?: string | undefined;
}

/** The X-Ray trace id of the current invocation: the Lambda runtime sets it before each one (tracing on or off). */
export const lambdaTraceId = (): string | undefined => process.env._X_AMZN_TRACE_ID;

/**
 * The plans a deployment offers when it configures none. Operators replace the whole catalogue with
 * the CDK context `plans` (docs/deploy.md): limits are configuration, not code.
 */
export const defaultPlans: PlanCatalogue = {
  default: 'standard',
  plans: {
    standard: {
      pendingInvitations: 50,
      members: 100,
      directAdd: false,
      invitationEmailsPerOrgPerDay: { max: 1000, warmUpBase: 100, warmUpPerAcceptedInvitation: 20 },
      invitationEmailsPerInviterPerDay: 500,
      resendsPerOrgPerDay: 100,
      orgsCreatedPerUserPerDay: 5,
    },
    enterprise: {
      pendingInvitations: null,
      members: null,
      directAdd: true,
      invitationEmailsPerOrgPerDay: { max: 20000, warmUpBase: 20000, warmUpPerAcceptedInvitation: 0 },
      invitationEmailsPerInviterPerDay: 20000,
      resendsPerOrgPerDay: 5000,
      orgsCreatedPerUserPerDay: 20,
    },
  },
};

const planName = /^[a-z][a-z0-9_-]{0,31}$/;
const limitKeys = [
  'pendingInvitations',
  'members',
  'directAdd',
  'invitationEmailsPerOrgPerDay',
  'invitationEmailsPerInviterPerDay',
  'resendsPerOrgPerDay',
  'orgsCreatedPerUserPerDay',
] as const satisfies readonly (keyof PlanLimits)[];

/** One plan's limits; the quotas default to the standard plan's, so a catalogue written before they existed keeps them. */
function planLimits(f: Fields): PlanLimits {
  f.refuseOtherKeys(limitKeys);
  const required = (key: 'pendingInvitations' | 'members') => (f.missing(key) ? null : (f.limit(key) ?? null));
  const daily = f.value('invitationEmailsPerOrgPerDay');
  let invitationEmailsPerOrgPerDay: PlanLimits['invitationEmailsPerOrgPerDay'] = { max: 1000, warmUpBase: 100, warmUpPerAcceptedInvitation: 20 };
  if (daily === null) invitationEmailsPerOrgPerDay = null;
  else if (daily !== undefined) {
    const d = f.at('invitationEmailsPerOrgPerDay', daily);
    if (d) {
      d.refuseOtherKeys(['max', 'warmUpBase', 'warmUpPerAcceptedInvitation']);
      const count = (key: string) => (d.missing(key) ? 0 : (d.number(key, { int: true, min: 0 }) ?? 0));
      invitationEmailsPerOrgPerDay = { max: count('max'), warmUpBase: count('warmUpBase'), warmUpPerAcceptedInvitation: count('warmUpPerAcceptedInvitation') };
    }
  }
  return {
    pendingInvitations: required('pendingInvitations'),
    members: required('members'),
    directAdd: f.boolean('directAdd') ?? false,
    invitationEmailsPerOrgPerDay,
    invitationEmailsPerInviterPerDay: withDefault(f.limit('invitationEmailsPerInviterPerDay'), 500),
    resendsPerOrgPerDay: withDefault(f.limit('resendsPerOrgPerDay'), 100),
    orgsCreatedPerUserPerDay: withDefault(f.limit('orgsCreatedPerUserPerDay'), 5),
  };
}

const withDefault = (v: number | null | undefined, fallback: number) => (v === undefined ? fallback : v);

/** The configured plan catalogue, checked: a deployment with a broken catalogue fails at cold start, loudly. */
export function planCatalogue(config: Pick<Config, 'PLANS'>): PlanCatalogue {
  if (!config.PLANS) return defaultPlans;
  const raw = jsonSetting('PLANS', config.PLANS);
  const f = new Fields(isRecord(raw) ? raw : {});
  if (!isRecord(raw)) f.fail('(not an object)');
  f.refuseOtherKeys(['default', 'plans']);
  const name = f.required('default');
  if (name && !planName.test(name)) f.fail('default');
  const plans: Record<string, PlanLimits> = {};
  const each = f.at('plans', f.value('plans'));
  for (const key of each?.keys() ?? []) {
    if (!planName.test(key)) each?.fail(key);
    const limits = each?.at(key, each.value(key));
    if (limits) plans[key] = planLimits(limits);
  }
  f.throwIfBad('PLANS');
  if (!plans[name]) throw new Error(`Invalid configuration: PLANS default "${name}" is not a plan`);
  return { default: name, plans };
}

/** The configured reputation thresholds, checked like the plans: a broken setting fails at cold start. */
export function sendingGuardConfig(config: Pick<Config, 'SENDING_GUARD'>): SendingGuardConfig {
  if (!config.SENDING_GUARD) return defaultSendingGuard;
  const raw = jsonSetting('SENDING_GUARD', config.SENDING_GUARD);
  const f = new Fields(isRecord(raw) ? raw : {});
  if (!isRecord(raw)) f.fail('(not an object)');
  // every field may be left out (the SES default stays); the window fits the counters' TTL (32 days)
  f.refuseOtherKeys(['windowDays', 'minSends', 'maxBounceRate', 'maxComplaintRate']);
  const set = {
    windowDays: f.number('windowDays', { int: true, min: 1, max: 30 }),
    minSends: f.number('minSends', { int: true, min: 1 }),
    maxBounceRate: f.number('maxBounceRate', { above: 0, max: 1 }),
    maxComplaintRate: f.number('maxComplaintRate', { above: 0, max: 1 }),
  };
  f.throwIfBad('SENDING_GUARD');
  return { ...defaultSendingGuard, ...Object.fromEntries(Object.entries(set).filter(([, v]) => v !== undefined)) };
}

const secrets: Record<string, string> = {};

/**
 * Lambda only, awaited at module load (see shared/adapters/secrets/cold-start.ts): the secret stays
 * out of the function's configuration, where anyone with lambda:GetFunctionConfiguration could read it.
 */
export async function loadSecrets(fetchSecret: (arn: string) => Promise<string>, env: Record<string, string | undefined> = process.env): Promise<void> {
  if (env.LINK_SECRET || !env.LINK_SECRET_ARN) return;
  secrets.LINK_SECRET = await fetchSecret(env.LINK_SECRET_ARN);
}

/** The link secret, for the adapters that sign with it; a function deployed without it fails here, loudly. */
export function linkSecret(config: Pick<Config, 'LINK_SECRET'>): string {
  if (!config.LINK_SECRET) {
    throw new Error('LINK_SECRET is not configured: this function was deployed without the link secret (routes.ts access.linkSecret).');
  }
  return config.LINK_SECRET;
}

type Env = Record<string, string | undefined>;

/** Reads `env` with `read`, then throws one error that names every variable it found wrong. */
function parseEnv<T>(env: Env, read: (f: Fields) => T): T {
  const f = new Fields(env);
  const config = read(f);
  f.throwIfBad();
  return config;
}

// the settings more than one reader takes, each with its default in one place
const region = (f: Fields) => f.text('AWS_REGION') ?? 'us-east-1';
const logLevel = (f: Fields) => f.oneOf('LOG_LEVEL', logLevels) ?? 'info';
const auditRetentionDays = (f: Fields) => f.numeric('AUDIT_RETENTION_DAYS') ?? 400;

export function loadConfig(env: Env = { ...process.env, ...secrets }): Config {
  return parseEnv<Config>(env, (f) => ({
    TABLE_NAME: f.required('TABLE_NAME'),
    AWS_REGION: region(f),
    DYNAMODB_ENDPOINT: f.text('DYNAMODB_ENDPOINT'),
    SES_ENDPOINT: f.text('SES_ENDPOINT'),
    SENDER_EMAIL: f.text('SENDER_EMAIL') ?? 'invitations@example.com',
    ACCEPT_URL_BASE: f.text('ACCEPT_URL_BASE') ?? 'http://localhost:5173/accept',
    LINK_SECRET: f.text('LINK_SECRET', 32),
    LINK_SECRET_ARN: f.text('LINK_SECRET_ARN'),
    SES_CONFIGURATION_SET: f.text('SES_CONFIGURATION_SET'),
    SES_MAX_SEND_RATE: f.numeric('SES_MAX_SEND_RATE', { positive: true }),
    INVITATION_RETENTION_DAYS: f.numeric('INVITATION_RETENTION_DAYS') ?? 30,
    AUDIT_RETENTION_DAYS: auditRetentionDays(f),
    SCHEDULE_GROUP: f.text('SCHEDULE_GROUP'),
    REMINDER_TARGET_ARN: f.text('REMINDER_TARGET_ARN'),
    SCHEDULER_ROLE_ARN: f.text('SCHEDULER_ROLE_ARN'),
    SCHEDULER_DLQ_ARN: f.text('SCHEDULER_DLQ_ARN'),
    EVENT_BUS_NAME: f.text('EVENT_BUS_NAME'),
    SEND_LEASE_MS: f.numeric('SEND_LEASE_MS', { positive: true }) ?? 20_000,
    LOG_LEVEL: logLevel(f),
    PLANS: f.text('PLANS'),
    SENDING_GUARD: f.text('SENDING_GUARD'),
  }));
}

/** The event publisher needs neither the table nor the link secret, so it gets neither (least privilege). */
export interface PublisherConfig extends Pick<Config, 'AWS_REGION' | 'LOG_LEVEL'> {
  EVENT_BUS_NAME: string;
}

export function loadPublisherConfig(env: Env = process.env): PublisherConfig {
  return parseEnv(env, (f) => ({ EVENT_BUS_NAME: f.required('EVENT_BUS_NAME'), AWS_REGION: region(f), LOG_LEVEL: logLevel(f) }));
}

/**
 * Maintenance scripts (scripts/recount.ts) touch only the table: no link secret, no email settings.
 * `PLANS`: scripts/set-plan.ts checks a plan name against the catalogue the stack was deployed with.
 */
export type MaintenanceConfig = Pick<Config, 'TABLE_NAME' | 'AWS_REGION' | 'DYNAMODB_ENDPOINT' | 'PLANS' | 'AUDIT_RETENTION_DAYS'>;

export function loadMaintenanceConfig(env: Env = process.env): MaintenanceConfig {
  return parseEnv(env, (f) => ({
    TABLE_NAME: f.required('TABLE_NAME'),
    AWS_REGION: region(f),
    DYNAMODB_ENDPOINT: f.text('DYNAMODB_ENDPOINT'),
    PLANS: f.text('PLANS'),
    AUDIT_RETENTION_DAYS: auditRetentionDays(f),
  }));
}
