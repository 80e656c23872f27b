import * as z from 'zod/mini';
import type { PlanCatalogue } from './domain/orgs/plans.ts';
import { defaultSendingGuard, type SendingGuardConfig } from './domain/orgs/sending-guard.ts';

/**
 * Every environment variable the service reads, parsed once at cold start. Nothing else in the code
 * base touches process.env, so this file is the complete list of settings.
 */
const Env = z.object({
  TABLE_NAME: z.string().check(z.minLength(1)),
  AWS_REGION: z._default(z.string(), 'us-east-1'),
  /** Local stack only: DynamoDB Local and the local SES endpoint. Unset in AWS. */
  DYNAMODB_ENDPOINT: z.optional(z.string()),
  SES_ENDPOINT: z.optional(z.string()),
  SENDER_EMAIL: z._default(z.string(), 'invitations@example.com'),
  /** The page that shows an invitation; the token is appended as `?token=`. Never taken from a request. */
  ACCEPT_URL_BASE: z._default(z.string(), 'http://localhost:5173/accept'),
  /**
   * Secret for link tokens and list cursors (>= 32 chars). Only the functions that use one of those
   * get it (routes.ts `access.linkSecret`, and the dispatcher); the others are deployed without it.
   */
  LINK_SECRET: z.optional(z.string().check(z.minLength(32))),
  /** In AWS: the Secrets Manager secret holding LINK_SECRET, read once at cold start (docs/adr/aws-stack.md). */
  LINK_SECRET_ARN: z.optional(z.string()),
  SES_CONFIGURATION_SET: z.optional(z.string()),
  /**
   * The most emails a second the dispatcher sends (the account's SES maximum send rate: 1 in the
   * sandbox). Unset: not paced (the local stack).
   */
  SES_MAX_SEND_RATE: z.optional(z.coerce.number().check(z.positive())),
  INVITATION_RETENTION_DAYS: z._default(z.coerce.number(), 30),
  AUDIT_RETENTION_DAYS: z._default(z.coerce.number(), 400),
  SCHEDULE_GROUP: z.optional(z.string()),
  REMINDER_TARGET_ARN: z.optional(z.string()),
  SCHEDULER_ROLE_ARN: z.optional(z.string()),
  SCHEDULER_DLQ_ARN: z.optional(z.string()),
  EVENT_BUS_NAME: z.optional(z.string()),
  /**
   * How long an email send claimed by an attempt that neither finished nor gave up keeps others from
   * sending it (shared/domain/notifications/send-once.ts). Longer than an SES call and than SES's
   * Send event takes to arrive; within the dispatcher's timeout (60 s).
   */
  SEND_LEASE_MS: z._default(z.coerce.number().check(z.positive()), 20_000),
  LOG_LEVEL: z._default(z.enum(['debug', 'info', 'warn', 'error', 'silent']), 'info'),
  /** The plan catalogue as JSON (see `defaultPlans`); CDK sets it from the `plans` context. */
  PLANS: z.optional(z.string()),
  /** The sender reputation guard's thresholds as JSON (see `defaultSendingGuard`); CDK sets it from the `sendingGuard` context. */
  SENDING_GUARD: z.optional(z.string()),
});

export type Config = z.infer<typeof Env>;

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

const limit = z.nullable(z.int().check(z.gte(0)));
const count = z.int().check(z.gte(0));
// the quotas default to the standard plan's, so a catalogue written before they existed keeps them
const PlanLimitsSchema = z.strictObject({
  pendingInvitations: limit,
  members: limit,
  directAdd: z._default(z.boolean(), false),
  invitationEmailsPerOrgPerDay: z._default(z.nullable(z.strictObject({ max: count, warmUpBase: count, warmUpPerAcceptedInvitation: count })), {
    max: 1000,
    warmUpBase: 100,
    warmUpPerAcceptedInvitation: 20,
  }),
  invitationEmailsPerInviterPerDay: z._default(limit, 500),
  resendsPerOrgPerDay: z._default(limit, 100),
  orgsCreatedPerUserPerDay: z._default(limit, 5),
});
const PlanCatalogueSchema = z.strictObject({
  default: z.string().check(z.regex(/^[a-z][a-z0-9_-]{0,31}$/)),
  plans: z.record(z.string().check(z.regex(/^[a-z][a-z0-9_-]{0,31}$/)), PlanLimitsSchema),
});

/** The configured plan catalogue, checked: a deployment with a broken catalogue fails at cold start, loudly. */
export function planCatalogue(config: Pick<Config, 'PLANS'>): PlanCatalogue {
  if (!config.PLANS) return defaultPlans;
  let raw: unknown;
  try {
    raw = JSON.parse(config.PLANS);
  } catch {
    throw new Error('Invalid configuration: PLANS is not JSON');
  }
  const parsed = z.safeParse(PlanCatalogueSchema, raw);
  if (!parsed.success) throw new Error(`Invalid configuration: PLANS ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  if (!parsed.data.plans[parsed.data.default]) throw new Error(`Invalid configuration: PLANS default "${parsed.data.default}" is not a plan`);
  return parsed.data;
}

const rate = z.number().check(z.gt(0), z.lte(1));
/** Every field may be left out (the SES default stays); the window fits the counters' TTL (32 days). */
export const SendingGuardSchema = z.strictObject({
  windowDays: z.optional(z.int().check(z.gte(1), z.lte(30))),
  minSends: z.optional(z.int().check(z.gte(1))),
  maxBounceRate: z.optional(rate),
  maxComplaintRate: z.optional(rate),
});

/** The configured reputation thresholds, checked like the plans: a broken setting fails at cold start. */
export function sendingGuardConfig(config: Pick<Config, 'SENDING_GUARD'>): SendingGuardConfig {
  if (!config.SENDING_GUARD) return defaultSendingGuard;
  let raw: unknown;
  try {
    raw = JSON.parse(config.SENDING_GUARD);
  } catch {
    throw new Error('Invalid configuration: SENDING_GUARD is not JSON');
  }
  const parsed = z.safeParse(SendingGuardSchema, raw);
  if (!parsed.success) throw new Error(`Invalid configuration: SENDING_GUARD ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  const set = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined));
  return { ...defaultSendingGuard, ...set };
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

export function loadConfig(env: Record<string, string | undefined> = { ...process.env, ...secrets }): Config {
  const parsed = z.safeParse(Env, env);
  if (!parsed.success) {
    const names = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
    throw new Error(`Invalid configuration: ${names}`);
  }
  return parsed.data;
}

/** The event publisher needs neither the table nor the link secret, so it gets neither (least privilege). */
const PublisherEnv = z.object({
  EVENT_BUS_NAME: z.string().check(z.minLength(1)),
  AWS_REGION: z._default(z.string(), 'us-east-1'),
  LOG_LEVEL: z._default(z.enum(['debug', 'info', 'warn', 'error', 'silent']), 'info'),
});
export type PublisherConfig = z.infer<typeof PublisherEnv>;

export function loadPublisherConfig(env: Record<string, string | undefined> = process.env): PublisherConfig {
  const parsed = z.safeParse(PublisherEnv, env);
  if (!parsed.success) throw new Error(`Invalid configuration: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  return parsed.data;
}

/** Maintenance scripts (scripts/recount.ts) touch only the table: no link secret, no email settings. */
const MaintenanceEnv = z.object({
  TABLE_NAME: z.string().check(z.minLength(1)),
  AWS_REGION: z._default(z.string(), 'us-east-1'),
  DYNAMODB_ENDPOINT: z.optional(z.string()),
  /** scripts/set-plan.ts checks a plan name against the catalogue the stack was deployed with. */
  PLANS: z.optional(z.string()),
  AUDIT_RETENTION_DAYS: z._default(z.coerce.number(), 400),
});
export type MaintenanceConfig = z.infer<typeof MaintenanceEnv>;

export function loadMaintenanceConfig(env: Record<string, string | undefined> = process.env): MaintenanceConfig {
  const parsed = z.safeParse(MaintenanceEnv, env);
  if (!parsed.success) throw new Error(`Invalid configuration: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  return parsed.data;
}
