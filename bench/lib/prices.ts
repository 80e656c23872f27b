/**
 * AWS list prices, us-east-1, on-demand, without free tiers, in US dollars. Taken from AWS's public
 * pricing pages as I knew them in early 2025; this machine has no web access, so they were NOT
 * re-checked when the table was generated: check them at https://aws.amazon.com/pricing/ before
 * relying on a figure. One place, so a price change is one edit and `npm run cost`.
 */
export const PRICES_AS_OF = 'early 2025 (from memory, not re-checked online)';

export const prices = {
  lambda: {
    /** arm64 (Graviton), per GB-second of billed duration (1 ms granularity). */
    perGbSecond: 0.0000133334,
    perMillionRequests: 0.2,
  },
  /** HTTP API, first 300 million requests a month, per 512 KB. */
  httpApiPerMillion: 1.0,
  dynamodb: {
    /** On-demand, after the November 2024 price cut. */
    perMillionWriteUnits: 0.625,
    perMillionReadUnits: 0.125,
    storagePerGbMonth: 0.25,
    /** Continuous backups (point-in-time recovery), per GB-month of table size. */
    pitrPerGbMonth: 0.2,
    /** Reads of the stream by a Lambda event source mapping are free. */
  },
  ses: { perThousandEmails: 0.1 },
  /** EventBridge Scheduler: per invocation; creating and deleting schedules is not billed. */
  schedulerPerMillionInvocations: 1.0,
  /** EventBridge custom event bus, per 64 KB event. */
  eventBridgePerMillionEvents: 1.0,
  sns: { perMillionPublishes: 0.5 },
  logs: { ingestionPerGb: 0.5, storagePerGbMonth: 0.03 },
  cloudwatch: {
    /** A standard-resolution alarm is billed per metric it reads (a metric math alarm: each metric). */
    perAlarmMetricMonth: 0.1,
    perCompositeAlarmMonth: 0.5,
    /** Per dashboard beyond the account's first three (always free, up to 50 metrics each). */
    perDashboardMonth: 3.0,
    /** A custom metric (the EMF business metrics), prorated by the hour it receives data. */
    perCustomMetricMonth: 0.3,
  },
  kms: { perKeyMonth: 1.0, perTenThousandRequests: 0.03 },
  secretsManager: { perSecretMonth: 0.4, perTenThousandCalls: 0.05 },
  /** X-Ray: per trace recorded (first 100,000 a month free, not counted here). */
  xrayPerMillionTraces: 5.0,
  cognito: {
    /** Essentials feature plan, per monthly active user beyond the 10,000 free ones (not counted here). */
    essentialsPerMau: 0.015,
    essentialsFreeMau: 10_000,
  },
} as const;

/**
 * Hosted peers' published prices for the same job, from memory as of early 2025 (their pricing pages
 * change often and were not re-checked): each row says what it is based on.
 */
export const peers = [
  {
    name: 'Clerk (Pro)',
    basis: '$25/month including 10,000 MAU, then $0.02 per MAU; organizations included, the B2B add-on (more org features) $100/month',
    month: (mau: number) => 25 + Math.max(0, mau - 10_000) * 0.02,
  },
  {
    name: 'WorkOS (AuthKit)',
    basis: 'user management free up to 1,000,000 MAU, organizations included; enterprise SSO $125 per connection a month (not needed here)',
    month: (mau: number) => (mau <= 1_000_000 ? 0 : Number.NaN),
  },
  {
    name: 'Auth0 (B2B Essentials)',
    basis: 'about $150/month for 500 MAU with Organizations; larger tiers are quoted, not listed',
    month: (mau: number) => (mau <= 500 ? 150 : Number.NaN),
  },
] as const;
